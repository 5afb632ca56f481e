package dev.statickeys.agent;

import dev.statickeys.agent.jvm.JvmBackend;
import dev.statickeys.agent.ops.Command;
import dev.statickeys.agent.ops.CommandHost;
import dev.statickeys.agent.ops.CommandRunner;
import dev.statickeys.agent.ops.CommandWorker;
import dev.statickeys.agent.ops.JmxRegistration;
import dev.statickeys.agent.ops.LoggingStartWatch;
import dev.statickeys.agent.ops.StaticKeysBean;
import dev.statickeys.agent.ops.Telemetry;
import dev.statickeys.internal.core.Clock;
import dev.statickeys.internal.core.DaemonThreads;
import dev.statickeys.internal.core.JumpLabels;
import dev.statickeys.internal.core.KeyControl;
import dev.statickeys.internal.core.KeyRegistry;
import java.lang.System.Logger.Level;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.security.ProtectionDomain;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Starting the agent, behind {@code boot.Trampoline} (reached through {@link Entry}): parse the options,
 * install the transformer, and return the capabilities the trampoline hands to the application
 * ({@link Capabilities}). Nothing else runs before the application's {@code main}.
 */
public final class Agent {
    private static final String STATIC_KEY = "dev.statickeys.StaticKey";
    /** {@link ClassFileTransformer}'s five-argument {@code transform}, for a deferred premain's hand-over. */
    private static final MethodHandle TRANSFORM;

    static {
        try {
            TRANSFORM = MethodHandles.publicLookup().findVirtual(ClassFileTransformer.class, "transform",
                    MethodType.methodType(byte[].class, ClassLoader.class, String.class, Class.class,
                            ProtectionDomain.class, byte[].class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The operations surface once installed (JMX and the attach command). */
    private static volatile StaticKeysBean operations;
    /** The capabilities handed to the application, once installed. */
    private static volatile Map<String, MethodHandle> installed;

    private Agent() {}

    /**
     * {@code -javaagent:statickeys-agent.jar[=options]}. Bad options stop the JVM with a message. Returns
     * the capabilities to hand the application ({@link Capabilities}).
     */
    public static Map<String, MethodHandle> premain(String arguments, Instrumentation instrumentation) {
        AgentOptions options;
        try {
            options = AgentOptions.load(arguments, systemProperties());
        } catch (IllegalArgumentException e) {
            System.err.println("statickeys agent: " + e.getMessage());
            System.err.flush();
            System.exit(1);
            return null;
        }
        return install(options, instrumentation, false);
    }

    /**
     * A premain deferred by the trampoline to the first class that names the API: it saw no agent options and
     * no {@code statickeys.*} system property, so the settings are the defaults (properties set since are not
     * read: settings are what the JVM started with). Returns the capabilities and, as {@code "transform"},
     * the transformer, which the trampoline's dormant transformer calls instead of the JVM; null if the agent
     * was installed meanwhile (by the attach tool), whose transformer is registered already.
     */
    public static Map<String, MethodHandle> premainDeferred(String arguments, Instrumentation instrumentation) {
        return install(AgentOptions.load(arguments, Map.of()), instrumentation, true);
    }

    /**
     * Loading into a running JVM: either a command of {@code java -jar statickeys-agent.jar <pid> ...}
     * ({@link Command}), handed to a {@link CommandWorker} at once so that the JVM's Attach Listener
     * thread is never kept waiting; or, with agent
     * options, installing the agent, which is supported only before the application has loaded the
     * statickeys API: keys created earlier keep plain state the agent cannot take over. Errors in the
     * options are thrown to the attaching tool; the target JVM keeps running untouched. Returns the
     * capabilities to hand the application when this call installed the agent, else null.
     */
    public static Map<String, MethodHandle> agentmain(String arguments, Instrumentation instrumentation) {
        if (Command.isCommand(arguments)) {
            Map<String, MethodHandle> installedNow = null;
            if (installed == null && CommandRunner.apiClasses(instrumentation.getAllLoadedClasses()).isEmpty()) {
                // The application has not loaded the API: install the agent (default options) here, so that
                // the trampoline hands its capabilities to the application before the command runs.
                installedNow = install(AgentOptions.load(null, systemProperties()), instrumentation, false);
            }
            CommandWorker.start(arguments, commandHost(instrumentation));
            return installedNow;
        }
        AgentOptions options = AgentOptions.load(arguments, systemProperties());
        List<Class<?>> api = CommandRunner.apiClasses(instrumentation.getAllLoadedClasses());
        if (!api.isEmpty() && installed == null) {
            throw new IllegalStateException("statickeys agent: the application already loaded " + STATIC_KEY
                    + " (in " + api.get(0).getClassLoader() + "); start the JVM with -javaagent to patch its sites");
        }
        return install(options, instrumentation, false);
    }

    /** What a command of the attach tool needs from this agent ({@link CommandWorker} does the rest). */
    private static CommandHost commandHost(Instrumentation instrumentation) {
        return new CommandHost() {
            @Override
            public StaticKeysBean operations() {
                return installed != null ? operations : null;
            }

            @Override
            public List<Class<?>> apiClasses() {
                return CommandRunner.apiClasses(instrumentation.getAllLoadedClasses());
            }

            @Override
            public StaticKeysBean install() {
                // Reached only if the application loaded the API between agentmain and the worker: the keys it
                // defines from now on find no capabilities to link to, and stay plain checks.
                Agent.install(AgentOptions.load(null, systemProperties()), instrumentation, false);
                return operations;
            }
        };
    }

    /**
     * @param handOver whether the caller registers the transformer (a deferred premain's dormant transformer
     *     calls it, returned as {@code "transform"}) rather than the JVM calling it directly
     */
    private static synchronized Map<String, MethodHandle> install(AgentOptions options, Instrumentation instrumentation,
            boolean handOver) {
        if (installed != null) {
            return null;
        }
        if (!instrumentation.isRetransformClassesSupported()) {
            throw new IllegalStateException("statickeys agent: this JVM cannot retransform classes"
                    + " (is Can-Retransform-Classes missing from the agent manifest?)");
        }
        Reports.threshold(options.logLevel());
        Reports.awaitApplicationLogging();
        LoggingStartWatch.install(instrumentation, Reports.LOGGING_STARTED);
        // Built once, bottom up: the registry, the backend on it (its transformer patches classes at load
        // with the registry's applied states), the core on both.
        KeyRegistry keys = new KeyRegistry();
        new KeySettings(options.keys(), keys).install(options.checkKeysAfter());
        JvmBackend backend = JvmBackend.install(instrumentation, keys, options.backend(), options.flipBudget(),
                options.siteTables(), options.dump());
        if (!handOver) {
            instrumentation.addTransformer(backend.transformer(), true);
        }
        KeyControl control = new KeyControl(new JumpLabels(keys, backend), Clock.system());
        backend.addListener(new Telemetry(backend));
        StaticKeysBean bean = new StaticKeysBean(keys, backend, control);
        operations = bean;
        // The MXBean waits for the application's platform MBean server (see JmxRegistration), watched from
        // the first key the agent knows on (defined, looked up or met at a loaded site), on a thread of its own.
        if (options.jmx()) {
            keys.onFirstKey(JmxRegistration.watcher(bean));
        }
        installed = Capabilities.of(control, backend);
        Map<String, MethodHandle> handed = installed;
        if (handOver) {
            handed = new TreeMap<>(installed);
            handed.put("transform", TRANSFORM.bindTo(backend.transformer()));
        }
        Reports.log(Level.INFO, "agent " + version() + " started: backend=" + backend.formAtLoad().name()
                .toLowerCase(Locale.ROOT) + ", flipBudget=" + options.flipBudget() + ", siteTables="
                + options.siteTables() + (options.keys().isEmpty() ? "" : ", keys " + options.keys())
                + (options.config() == null ? "" : ", config " + options.config())
                + (options.dump() == null ? "" : ", dump " + options.dump()), null);
        return handed;
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
