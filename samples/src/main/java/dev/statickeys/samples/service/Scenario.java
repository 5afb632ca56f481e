package dev.statickeys.samples.service;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A scripted tour of statickeys as an operator meets it: an {@link OrderService} under the agent in a
 * child JVM, load from a built-in client, and the three keys flipped through each outside channel.
 * <pre>
 * java -cp statickeys-api.jar:statickeys-samples.jar dev.statickeys.samples.service.Scenario \
 *      --agent statickeys-agent.jar [--requests N]
 * </pre>
 * After a warm-up, each phase flips keys, sends {@code N} requests (default 1000, from two client threads)
 * and prints their latency percentiles, the keys' states as the service reports them and how much
 * guarded work ran:
 * <ol type="a">
 *   <li>all keys off;
 *   <li>{@code service.tracing} enabled through the service's admin API (the statickeys Java API in-process);
 *   <li>{@code service.audit} enabled through the agent's MXBean over JMX (attach, local connector);
 *   <li>{@code service.validation} enabled with the agent jar's attach command;
 *   <li>all three disabled again, one through each channel.
 * </ol>
 * Exit status 0 when every step worked; 1 when one failed (each failure is named; a missing channel does
 * not stop the later phases); 2 for bad arguments. The service JVM never outlives the scenario. Needs a full JDK
 * ({@code jdk.attach}, {@code java.management}).
 */
public final class Scenario {
    static final String TRACING = ServiceKeys.TRACING.name();
    static final String AUDIT = ServiceKeys.AUDIT.name();
    static final String VALIDATION = ServiceKeys.VALIDATION.name();
    /** Client threads: enough to overlap requests, few enough that a 2-core machine is not swamped. */
    static final int THREADS = 2;

    private final ScenarioOptions options;
    private final PrintStream out;
    private final PrintStream err;
    private final List<String> failures = new ArrayList<>();

    private Scenario(ScenarioOptions options, PrintStream out, PrintStream err) {
        this.options = options;
        this.out = out;
        this.err = err;
    }

    /** Runs the scenario (see the class comment) and exits with its status. */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the scenario with {@code args} and returns the exit status; never throws for a failed step. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        ScenarioOptions options;
        try {
            options = ScenarioOptions.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("Scenario: " + e.getMessage());
            err.println(ScenarioOptions.USAGE);
            return 2;
        }
        if (options == null) {
            out.println(ScenarioOptions.USAGE);
            return 0;
        }
        return new Scenario(options, out, err).run();
    }

    private int run() {
        try (ServiceProcess service = ServiceProcess.start(serviceCommand(), out)) {
            out.println("service JVM pid " + service.pid() + " on port " + service.port());
            ServiceClient client = new ServiceClient(service.port());
            requireAgent(client);
            phases(service, client);
            int status = service.stop(client);
            if (status != 0) {
                failures.add("the service JVM exited with status " + status + " after POST /admin/shutdown");
            }
        } catch (ScenarioException e) {
            failures.add(e.getMessage());
        }
        return summary();
    }

    private void phases(ServiceProcess service, ServiceClient client) throws ScenarioException {
        LoadDriver load = new LoadDriver(client, THREADS);
        out.printf("%-40s %s%n", "warm-up (not measured)", load.run(2 * options.requests()).summary());
        try (KeyChannel http = new HttpKeyChannel(client);
                KeyChannel jmx = jmxChannel(service.pid());
                KeyChannel attach = new AttachCommandKeyChannel(options.java(), options.agent(), service.pid(), out)) {
            phase("a. all keys off", client, load);
            flip(client, http, true, TRACING);
            phase("b. + " + TRACING + " (HTTP)", client, load);
            flip(client, jmx, true, AUDIT);
            report(jmx);
            phase("c. + " + AUDIT + " (JMX)", client, load);
            flip(client, attach, true, VALIDATION);
            phase("d. + " + VALIDATION + " (attach)", client, load);
            flip(client, attach, false, TRACING);
            flip(client, jmx, false, AUDIT);
            flip(client, http, false, VALIDATION);
            phase("e. all off again (attach, JMX, HTTP)", client, load);
        }
    }

    /**
     * Flips {@code key} through {@code channel} and checks that the service reports the new state. A
     * failed flip is recorded and the scenario goes on, so one missing channel does not hide the others.
     */
    private void flip(ServiceClient client, KeyChannel channel, boolean enable, String key) throws ScenarioException {
        String action = (enable ? "enable " : "disable ") + key + " through " + channel.name();
        try {
            if (enable) {
                channel.enable(key);
            } else {
                channel.disable(key);
            }
        } catch (ScenarioException e) {
            fail(action + ": " + e.getMessage());
            return;
        }
        String state = client.keys().get(key);
        if (state == null || state.startsWith("on") != enable) {
            fail(action + ": the channel reported success but the service reports " + key + " " + state);
        }
    }

    /** Prints what the channel itself reports about the keys (the MXBean's {@code Backend} and {@code Keys}). */
    private void report(KeyChannel channel) {
        try {
            channel.report().forEach(line -> out.println("  [" + channel.name() + "] " + line));
        } catch (ScenarioException e) {
            fail("read what " + channel.name() + " reports about the keys: " + e.getMessage());
        }
    }

    /** Measures one phase and prints its line: latencies, key states, and the guarded work that ran. */
    private void phase(String title, ServiceClient client, LoadDriver load) throws ScenarioException {
        Map<String, String> before = client.stats();
        Latencies latencies = load.run(options.requests());
        Map<String, String> after = client.stats();
        Map<String, String> keys = client.keys();
        out.printf("%-40s %s | %s=%s %s=%s %s=%s | traces +%d audit +%d screened +%d%n", title, latencies.summary(),
                TRACING, keys.get(TRACING), AUDIT, keys.get(AUDIT), VALIDATION, keys.get(VALIDATION),
                delta(before, after, "traces"), delta(before, after, "audit"), delta(before, after, "screened"));
    }

    private static long delta(Map<String, String> before, Map<String, String> after, String counter) {
        return Long.parseLong(after.getOrDefault(counter, "0")) - Long.parseLong(before.getOrDefault(counter, "0"));
    }

    private void requireAgent(ServiceClient client) throws ScenarioException {
        String active = client.keys().get("agent active");
        out.println("agent active in the service JVM: " + active);
        if (!"true".equals(active)) {
            throw new ScenarioException("the service JVM reports the agent inactive; was " + options.agent()
                    + " started with -javaagent?");
        }
    }

    /** The JMX channel, or one that names the missing module: a JRE or a jlinked runtime may lack them. */
    private static KeyChannel jmxChannel(long pid) {
        for (String module : List.of("java.management", "jdk.attach")) {
            if (ModuleLayer.boot().findModule(module).isEmpty()) {
                return KeyChannel.unavailable("JMX", "JMX: this Java runtime has no " + module
                        + " module; run the scenario with a full JDK");
            }
        }
        return new JmxKeyChannel(pid);
    }

    private List<String> serviceCommand() {
        List<String> command = new ArrayList<>(List.of(options.java(), "-javaagent:" + options.agent()));
        if (Runtime.version().feature() >= 21) {
            // The attach command loads the agent jar into the service: JDK 21+ allows that silently only
            // with this flag (JEP 451); JDK 17 does not know it. The child runs the same java as this JVM.
            command.add("-XX:+EnableDynamicAgentLoading");
        }
        command.addAll(List.of("-cp", options.classPath(), OrderService.class.getName(), "--port", "0"));
        return command;
    }

    private void fail(String message) {
        failures.add(message);
        out.println("  FAILED: " + message); // here, in sequence with the phases; the summary goes to err

    }

    private int summary() {
        if (failures.isEmpty()) {
            out.println("scenario passed");
            return 0;
        }
        err.println("Scenario: " + failures.size() + (failures.size() == 1 ? " step" : " steps") + " failed:");
        failures.forEach(failure -> err.println("  - " + failure));
        return 1;
    }
}
