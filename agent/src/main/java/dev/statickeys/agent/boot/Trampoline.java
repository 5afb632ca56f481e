package dev.statickeys.agent.boot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.instrument.Instrumentation;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The agent jar's entry points ({@code Premain-Class}, {@code Agent-Class}, {@code Main-Class}). Each is a
 * few lines: load the agent's module layer (once per JVM, see {@link CoreLayer}), hand the call to the
 * core's entry, and link the capabilities it returns to {@link Bridge}. A premain with nothing to check
 * does even less: it registers {@link Dormant}, which does all that at the first class naming the API. No
 * agent type is visible here, and no field refers to the {@code Instrumentation}.
 *
 * <p>Failures are reported, not thrown: a {@code premain} that cannot start the agent prints one line and
 * the JVM goes on without it (bad agent options still stop the JVM with status 1, as the core decides).
 * {@code agentmain} throws to the attaching tool, which prints the message; the target keeps running.
 * An {@code Instrumentation} that the JVM did not make is refused before anything is loaded, so calling
 * these methods reflectively installs nothing.
 */
public final class Trampoline {
    private static final String NAME = "statickeys agent";
    private static final String ANCHOR = "dev.statickeys.holders.Anchor";
    /** The key of the core's transformer among what a deferred start returns; never handed to {@link Bridge}. */
    private static final String TRANSFORM = "transform";
    /** The prefix of the system properties the agent reads as settings (the core's {@code AgentOptions}). */
    public static final String PROPERTY_PREFIX = "statickeys.";
    /** Starts a deferred premain's core ({@link Dormant#wakeNow}); null when there is none waiting. */
    private static volatile MethodHandle pendingStart;
    /** The core's capabilities while {@link #link} initializes the visible classes; empty otherwise. */
    private static Map<String, MethodHandle> handOff = Map.of();

    private Trampoline() {}

    /**
     * {@code -javaagent:statickeys-agent.jar[=options]}. With settings to check (agent options, or a
     * {@code statickeys.*} system property) the core starts here, so that a mistake stops the JVM before
     * {@code main}; without, it starts at the first class that names the API ({@link Dormant}).
     */
    public static void premain(String options, Instrumentation instrumentation) {
        if (!genuine(instrumentation)) {
            System.err.println(NAME + ": premain ignored: not the JVM's Instrumentation");
            return;
        }
        if ((options == null || options.isEmpty()) && !hasSettingProperty()) {
            Object jar = agentJar();
            if (jar instanceof String) {
                System.err.println(jar + "; the JVM goes on without it");
                return;
            }
            Dormant dormant = new Dormant(options, instrumentation);
            try {
                pendingStart = MethodHandles.lookup().findVirtual(Dormant.class, "wakeNow",
                        MethodType.methodType(void.class)).bindTo(dormant);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(NAME + ": " + e, e); // Dormant is this package's own class
            }
            instrumentation.addTransformer(dormant, true);
            return;
        }
        BiFunction<String, Object[], Object> entry;
        try {
            entry = Core.entry();
        } catch (IllegalStateException e) {
            System.err.println(e.getMessage() + "; the JVM goes on without it");
            return;
        }
        try {
            link(entry.apply("premain", new Object[] {options, instrumentation}));
        } catch (RuntimeException | Error e) {
            rethrowIfFatal(e);
            System.err.println(NAME + ": not started: " + e + "; the JVM goes on without it");
        }
    }

    /**
     * The deferred premain ({@link Dormant}): starts the core with {@code options} (none) and the
     * {@code statickeys.*} system properties premain saw (none), links the application's side, and returns
     * the core's transformer for the dormant one to hand classes to; null if the core did not start here.
     */
    static MethodHandle startDeferred(String options, Instrumentation instrumentation) {
        pendingStart = null;
        try {
            Map<String, MethodHandle> handles = asHandles(Core.entry().apply("premainDeferred",
                    new Object[] {options, instrumentation}));
            MethodHandle transform = handles.get(TRANSFORM);
            Map<String, MethodHandle> capabilities = new HashMap<>(handles);
            capabilities.remove(TRANSFORM);
            link(capabilities);
            return transform;
        } catch (RuntimeException | Error e) {
            rethrowIfFatal(e);
            System.err.println(NAME + ": not started: " + (e instanceof IllegalStateException ? e.getMessage() : e)
                    + "; the JVM goes on without it");
            return null;
        }
    }

    /** Loading into a running JVM: installing, or a command of the attach tool. Errors go to the attacher. */
    public static void agentmain(String options, Instrumentation instrumentation) throws IOException {
        if (!genuine(instrumentation)) {
            throw new IllegalArgumentException(NAME + ": agentmain refused: not the JVM's Instrumentation");
        }
        MethodHandle pending = pendingStart;
        if (pending != null) {
            // A premain waits for the API (Dormant): the core starts with its settings before this call is seen.
            try {
                pending.invokeExact();
            } catch (Throwable e) {
                rethrowIfFatal(e);
            }
        }
        try {
            link(Core.entry().apply("agentmain", new Object[] {options, instrumentation}));
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** {@code java -jar statickeys-agent.jar ...}: the command-line tools. */
    public static void main(String[] args) {
        BiFunction<String, Object[], Object> entry;
        try {
            entry = Core.entry();
        } catch (IllegalStateException e) {
            System.err.println(e.getMessage());
            System.exit(1);
            return;
        }
        entry.apply("main", args);
    }

    /**
     * The capabilities being handed off, for the static initializers of {@link Bridge} and
     * {@code dev.statickeys.holders.Anchor}, which copy what they need into {@code static final} fields while
     * the agent starts. Empty at any other time.
     */
    public static synchronized Map<String, MethodHandle> capabilities() {
        return handOff;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, MethodHandle> asHandles(Object capabilities) {
        return capabilities == null ? Map.of() : (Map<String, MethodHandle>) capabilities;
    }

    private static void link(Object capabilities) {
        Map<String, MethodHandle> handles = asHandles(capabilities);
        if (handles == null || handles.isEmpty()) {
            return; // installed before, or a command answered without installing
        }
        synchronized (Trampoline.class) {
            handOff = Map.copyOf(handles);
        }
        try {
            initialize(Bridge.class.getName());
            initialize(ANCHOR);
        } finally {
            synchronized (Trampoline.class) {
                handOff = Map.of();
            }
        }
        if (!Bridge.installed()) {
            System.err.println(NAME + ": " + Bridge.class.getName() + " was initialized before the agent"
                    + " started; statickeys API copies cannot link to it");
        }
    }

    private static void initialize(String visibleClass) {
        try {
            Class.forName(visibleClass, true, Trampoline.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(NAME + ": " + visibleClass + " is missing from the agent jar", e);
        }
    }

    /** Whether a system property gives the agent a setting (the core checks its name and value). */
    private static boolean hasSettingProperty() {
        for (String name : System.getProperties().stringPropertyNames()) {
            if (name.startsWith(PROPERTY_PREFIX)) {
                return true;
            }
        }
        return false;
    }

    /** The JVM's own Instrumentation: its class is in java.instrument, where no caller can put one. */
    private static boolean genuine(Instrumentation instrumentation) {
        return instrumentation != null && instrumentation.getClass().getModule() == Instrumentation.class.getModule();
    }

    private static void rethrowIfFatal(Throwable e) {
        if (e instanceof VirtualMachineError) {
            throw (VirtualMachineError) e;
        }
    }

    /**
     * The agent jar holding the core's classes, or the one-line reason there is none. Cheap (one lookup in the
     * jars the class path has open), so a premain that defers the core still reports at once a jar it could
     * never start from. Not in {@link Core}: calling it must not make the layer.
     */
    private static Object agentJar() {
        try {
            return CoreLayer.agentJar(Path.of(Trampoline.class.getProtectionDomain().getCodeSource().getLocation()
                    .toURI()), Trampoline.class.getClassLoader());
        } catch (IOException e) {
            return NAME + ": not started: " + e.getMessage();
        } catch (URISyntaxException | RuntimeException | Error e) {
            rethrowIfFatal(e);
            return NAME + ": not started: cannot load its module: " + e;
        }
    }

    /** The core's entry, loaded on first use; the layer is made once per JVM. */
    private static final class Core {
        private static final Object ENTRY = load();

        @SuppressWarnings("unchecked")
        static BiFunction<String, Object[], Object> entry() {
            if (ENTRY instanceof String) {
                throw new IllegalStateException((String) ENTRY);
            }
            return (BiFunction<String, Object[], Object>) ENTRY;
        }

        /** The entry, or the one-line reason it could not be loaded. */
        private static Object load() {
            Object jar = agentJar();
            if (jar instanceof String) {
                return jar;
            }
            try {
                return CoreLayer.load((Path) jar, Trampoline.class.getClassLoader());
            } catch (IOException e) {
                return NAME + ": not started: " + e.getMessage();
            } catch (RuntimeException | Error e) {
                rethrowIfFatal(e);
                return NAME + ": not started: cannot load its module: " + e;
            }
        }
    }
}
