package dev.statickeys.samples.service;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A scripted tour of statickeys as an operator meets it: the order service, a Spring Boot application, under
 * the agent in a child JVM ({@code java -javaagent:... -jar}), load from a built-in client, and the three
 * keys flipped through each outside channel.
 * <pre>
 * java -cp statickeys-samples.jar dev.statickeys.samples.service.Scenario \
 *      --agent statickeys-agent.jar --service statickeys-sample-service.jar [--requests N]
 * </pre>
 * After a warm-up, each phase flips keys, sends {@code N} requests (default 1000, from two client threads)
 * and prints their latency percentiles, the keys' states as the service reports them and how much
 * guarded work ran:
 * <ol type="a">
 *   <li>all keys off;
 *   <li>{@code service.tracing} enabled through the {@code statickeys} actuator endpoint;
 *   <li>{@code service.audit} enabled by editing the flag file the service's flagd provider watches;
 *   <li>{@code service.validation} enabled with the agent jar's attach command;
 *   <li>all three disabled again: through the agent's MXBean over JMX, the flag file and the actuator.
 * </ol>
 * Exit status 0 when every step worked; 1 when one failed (each failure is named; a missing channel does
 * not stop the later phases); 2 for bad arguments. The service JVM never outlives the scenario. Needs a full JDK
 * ({@code jdk.attach}, {@code java.management}).
 */
public final class Scenario {
    static final String TRACING = "service.tracing";
    static final String AUDIT = "service.audit";
    static final String VALIDATION = "service.validation";
    static final List<String> KEYS = List.of(TRACING, AUDIT, VALIDATION);
    /** The keys with a flag in the flag file; the others are flipped through the other channels only. */
    static final List<String> FLAGS = List.of(AUDIT);
    /** Client threads: enough to overlap requests, few enough that a 2-core machine is not swamped. */
    static final int THREADS = 2;
    /** How often the service's flagd provider reads the flag file. */
    static final int FLAG_POLL_MILLIS = 100;

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
        Path flagFile = null;
        try {
            flagFile = Files.createTempDirectory("statickeys-scenario").resolve("flags.json");
            FlagFileKeyChannel.create(flagFile, FLAGS);
            run(flagFile);
        } catch (IOException e) {
            failures.add("cannot create the flag file's directory: " + e);
        } catch (ScenarioException e) {
            failures.add(e.getMessage());
        } finally {
            delete(flagFile);
        }
        return summary();
    }

    private void run(Path flagFile) {
        try (ServiceProcess service = ServiceProcess.start(serviceCommand(flagFile), out)) {
            out.println("service JVM pid " + service.pid() + " on port " + service.port());
            ServiceClient client = new ServiceClient(service.port());
            requireAgent(client);
            phases(service, client, flagFile);
            int status = service.stop(client);
            if (status != 0) {
                failures.add("the service JVM exited with status " + status + " after POST /actuator/shutdown");
            }
        } catch (ScenarioException e) {
            failures.add(e.getMessage());
        }
    }

    private void phases(ServiceProcess service, ServiceClient client, Path flagFile) throws ScenarioException {
        LoadDriver load = new LoadDriver(client, THREADS);
        out.printf("%-40s %s%n", "warm-up (not measured)", load.run(2 * options.requests()).summary());
        try (KeyChannel actuator = new ActuatorKeyChannel(client);
                KeyChannel flags = FlagFileKeyChannel.following(flagFile, FLAGS, client, out);
                KeyChannel jmx = jmxChannel(service.pid());
                KeyChannel attach = new AttachCommandKeyChannel(options.java(), options.agent(), service.pid(), out)) {
            phase("a. all keys off", client, load);
            flip(client, actuator, true, TRACING);
            phase("b. + " + TRACING + " (actuator)", client, load);
            flip(client, flags, true, AUDIT);
            phase("c. + " + AUDIT + " (flag file)", client, load);
            flip(client, attach, true, VALIDATION);
            phase("d. + " + VALIDATION + " (attach)", client, load);
            flip(client, jmx, false, TRACING);
            report(jmx);
            flip(client, flags, false, AUDIT);
            flip(client, actuator, false, VALIDATION);
            phase("e. all off again (JMX, flag file, actuator)", client, load);
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
        String state = client.keys(List.of(key)).get(key);
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
        Map<String, String> keys = client.keys(KEYS);
        out.printf("%-40s %s | %s=%s %s=%s %s=%s | traces +%d audit +%d screened +%d%n", title, latencies.summary(),
                TRACING, keys.get(TRACING), AUDIT, keys.get(AUDIT), VALIDATION, keys.get(VALIDATION),
                delta(before, after, "traces"), delta(before, after, "audit"), delta(before, after, "screened"));
    }

    private static long delta(Map<String, String> before, Map<String, String> after, String counter) {
        return Long.parseLong(after.getOrDefault(counter, "0")) - Long.parseLong(before.getOrDefault(counter, "0"));
    }

    private void requireAgent(ServiceClient client) throws ScenarioException {
        Map<String, String> stats = client.stats();
        String active = stats.get("agentActive");
        out.println("agent active in the service JVM: " + active + " (application class loader " + stats.get("loader")
                + ")");
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

    private List<String> serviceCommand(Path flagFile) {
        List<String> command = new ArrayList<>(List.of(options.java(), "-javaagent:" + options.agent()));
        if (Runtime.version().feature() >= 21) {
            // The attach command loads the agent jar into the service: JDK 21+ allows that silently only
            // with this flag (JEP 451); JDK 17 does not know it. The child runs the same java as this JVM.
            command.add("-XX:+EnableDynamicAgentLoading");
        }
        command.addAll(List.of("-jar", options.service().toString(), "--server.port=0",
                "--orders.flag-file=" + flagFile, "--orders.flag-poll-ms=" + FLAG_POLL_MILLIS));
        return command;
    }

    /** Deletes the flag file and its directory; a failure is only reported. */
    private void delete(Path flagFile) {
        if (flagFile == null) {
            return;
        }
        try {
            Files.deleteIfExists(flagFile);
            Files.deleteIfExists(flagFile.getParent());
        } catch (IOException e) {
            err.println("Scenario: could not delete " + flagFile.getParent() + ": " + e);
        }
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
