package dev.statickeys.agent.boot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.instrument.Instrumentation;
import java.lang.invoke.MethodHandle;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The agent jar's entry points ({@code Premain-Class}, {@code Agent-Class}, {@code Main-Class}). Each is a
 * few lines: load the agent's module layer (once per JVM, see {@link CoreLayer}), hand the call to the
 * core's entry, and link the capabilities it returns to {@link Bridge}. No agent type is visible here, and
 * the {@code Instrumentation} is passed on, never kept.
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
    /** The core's capabilities while {@link #link} initializes the visible classes; empty otherwise. */
    private static Map<String, MethodHandle> handOff = Map.of();

    private Trampoline() {}

    /** {@code -javaagent:statickeys-agent.jar[=options]}. */
    public static void premain(String options, Instrumentation instrumentation) {
        if (!genuine(instrumentation)) {
            System.err.println(NAME + ": premain ignored: not the JVM's Instrumentation");
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

    /** Loading into a running JVM: installing, or a command of the attach tool. Errors go to the attacher. */
    public static void agentmain(String options, Instrumentation instrumentation) throws IOException {
        if (!genuine(instrumentation)) {
            throw new IllegalArgumentException(NAME + ": agentmain refused: not the JVM's Instrumentation");
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
    private static void link(Object capabilities) {
        Map<String, MethodHandle> handles = (Map<String, MethodHandle>) capabilities;
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

    /** The JVM's own Instrumentation: its class is in java.instrument, where no caller can put one. */
    private static boolean genuine(Instrumentation instrumentation) {
        return instrumentation != null && instrumentation.getClass().getModule() == Instrumentation.class.getModule();
    }

    private static void rethrowIfFatal(Throwable e) {
        if (e instanceof VirtualMachineError) {
            throw (VirtualMachineError) e;
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
            try {
                Path jar = CoreLayer.agentJar(Path.of(Trampoline.class.getProtectionDomain().getCodeSource()
                        .getLocation().toURI()), Trampoline.class.getClassLoader());
                if (!Files.isRegularFile(jar)) {
                    return NAME + ": not started: loaded from " + jar + "; expected the statickeys agent jar";
                }
                return CoreLayer.load(jar, Trampoline.class.getClassLoader());
            } catch (IOException e) {
                return NAME + ": not started: " + e.getMessage();
            } catch (URISyntaxException | RuntimeException | Error e) {
                rethrowIfFatal(e);
                return NAME + ": not started: cannot load its module: " + e;
            }
        }
    }
}
