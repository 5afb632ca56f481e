package dev.statickeys.agent;

import dev.statickeys.agent.jvm.ClassSites;
import dev.statickeys.agent.jvm.JvmBackend;
import dev.statickeys.agent.ops.Command;
import dev.statickeys.agent.ops.CommandRunner;
import dev.statickeys.agent.ops.StaticKeysBean;
import dev.statickeys.agent.ops.Telemetry;
import java.lang.System.Logger.Level;
import java.io.IOException;
import java.lang.instrument.Instrumentation;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The agent's entry points. They stay small: parse the options, install the transformer, hand the core
 * to {@link Capabilities}. Nothing else runs before the application's {@code main}. Reached from the
 * visible {@code dev.statickeys.agent.boot.Trampoline} through {@link Entry}.
 */
public final class Agent {
    private static final String STATIC_KEY = "dev.statickeys.StaticKey";

    /** The operations surface once installed (JMX and the attach command). */
    private static volatile StaticKeysBean operations;

    private Agent() {}

    /** {@code -javaagent:statickeys-agent.jar[=options]}. Bad options stop the JVM with a message. */
    public static void premain(String arguments, Instrumentation instrumentation) {
        AgentOptions options;
        try {
            options = AgentOptions.load(arguments, systemProperties());
        } catch (IllegalArgumentException e) {
            System.err.println("statickeys agent: " + e.getMessage());
            System.err.flush();
            System.exit(1);
            return;
        }
        install(options, instrumentation);
    }

    /**
     * Loading into a running JVM: either a command of {@code java -jar statickeys-agent.jar <pid> ...}
     * ({@link Command}), answered through the installed agent (installing it first when the application
     * has not loaded the statickeys API yet) or else through the application's API; or, with agent
     * options, installing the agent, which is supported only before the application has loaded the
     * statickeys API: keys created earlier keep plain state the agent cannot take over. Errors are thrown
     * to the attaching tool; the target JVM keeps running untouched.
     */
    public static void agentmain(String arguments, Instrumentation instrumentation) throws IOException {
        if (Command.isCommand(arguments)) {
            Command command = Command.decode(arguments);
            Command.Answer answer = command(command, instrumentation);
            command.answer(answer.status(), answer.text());
            return;
        }
        AgentOptions options = AgentOptions.load(arguments, systemProperties());
        List<Class<?>> api = CommandRunner.apiClasses(instrumentation.getAllLoadedClasses());
        if (!api.isEmpty() && !Capabilities.installed()) {
            throw new IllegalStateException("statickeys agent: the application already loaded " + STATIC_KEY
                    + " (in " + api.get(0).getClassLoader() + "); start the JVM with -javaagent to patch its sites");
        }
        install(options, instrumentation);
    }

    private static Command.Answer command(Command command, Instrumentation instrumentation) {
        if (!Capabilities.installed()) {
            Command.Answer answer = CommandRunner.runThroughApi(command,
                    CommandRunner.apiClasses(instrumentation.getAllLoadedClasses()));
            if (answer != null) {
                return answer;
            }
            install(AgentOptions.load(null, systemProperties()), instrumentation);
        }
        return CommandRunner.run(command, operations);
    }

    private static synchronized void install(AgentOptions options, Instrumentation instrumentation) {
        if (Capabilities.installed()) {
            return;
        }
        if (!instrumentation.isRetransformClassesSupported()) {
            throw new IllegalStateException("statickeys agent: this JVM cannot retransform classes"
                    + " (is Can-Retransform-Classes missing from the agent manifest?)");
        }
        Reports.threshold(options.logLevel());
        JvmBackend backend = new JvmBackend(instrumentation);
        ClassSites sites = new ClassSites(backend::repatch);
        new KeySettings(options.keys(), sites.keys()).install(options.checkKeysAfter());
        backend.start(sites, options.backend(), options.flipBudget(), options.siteTables(), options.dump());
        sites.addListener(new Telemetry(backend::backendOf));
        StaticKeysBean bean = new StaticKeysBean(sites, backend);
        operations = bean;
        // The platform MBean server is started when the application defines its first key, on a thread of
        // its own: not in premain (some application servers set up JMX and logging themselves first) and
        // not inside the class initializer that defines the key.
        Capabilities.install(sites.core(), backend, options.jmx() ? () -> daemon("statickeys-jmx", bean::register) : null);
        Reports.log(Level.INFO, "agent " + version() + " started: backend=" + backend.formAtLoad().name()
                .toLowerCase(Locale.ROOT) + ", flipBudget=" + options.flipBudget() + ", siteTables="
                + options.siteTables() + (options.keys().isEmpty() ? "" : ", keys " + options.keys())
                + (options.config() == null ? "" : ", config " + options.config())
                + (options.dump() == null ? "" : ", dump " + options.dump()), null);
    }

    private static void daemon(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
    }

    private static String version() {
        // In the agent's module layer the version is the module's (the trampoline takes it from the
        // manifest); from a class directory (unit tests) it is the package's, usually none.
        String version = Agent.class.getModule().getDescriptor() == null
                ? Agent.class.getPackage().getImplementationVersion()
                : Agent.class.getModule().getDescriptor().rawVersion().orElse(null);
        return version == null ? "(unversioned)" : version;
    }

    /** The JVM's system properties as strings (others, which only code can set, are not settings). */
    private static Map<String, String> systemProperties() {
        Map<String, String> properties = new TreeMap<>();
        Properties all = System.getProperties();
        for (String name : all.stringPropertyNames()) {
            properties.put(name, all.getProperty(name));
        }
        return properties;
    }
}
