package dev.statickeys;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Arrays;
import java.util.Collection;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The domain linked to the statickeys agent. The agent is loaded by the system class loader, and this
 * API may be loaded by any loader (several copies in one JVM are fine), so the two talk through the
 * agent's {@code dev.statickeys.agent.boot.Bridge} with JDK types only: the agent owns the lock, one count
 * cell per name, and the patching.
 */
final class AgentDomain extends KeyDomain {
    static final String BRIDGE = "dev.statickeys.agent.boot.Bridge";

    private final ReentrantLock lock;
    private final MethodHandle cell;
    private final MethodHandle sync;
    private final MethodHandle initialValueOf;
    private final MethodHandle knownNames;
    private final MethodHandle classInitialized;
    private final MethodHandle preset;
    private final MethodHandle presetOf;

    private AgentDomain(ReentrantLock lock, MethodHandle cell, MethodHandle sync, MethodHandle initialValueOf,
            MethodHandle knownNames, MethodHandle classInitialized, MethodHandle preset, MethodHandle presetOf) {
        this.lock = lock;
        this.cell = cell;
        this.sync = sync;
        this.initialValueOf = initialValueOf;
        this.knownNames = knownNames;
        this.classInitialized = classInitialized;
        this.preset = preset;
        this.presetOf = presetOf;
    }

    /** The agent's domain, or null when the agent is not installed in this JVM. */
    static KeyDomain connect() {
        Class<?> bridge;
        try {
            bridge = Class.forName(BRIDGE, true, ClassLoader.getSystemClassLoader());
        } catch (ClassNotFoundException | LinkageError | SecurityException e) {
            return null;
        }
        try {
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            boolean installed = (boolean) lookup
                    .findStatic(bridge, "installed", MethodType.methodType(boolean.class)).invokeExact();
            if (!installed) {
                return null; // the agent jar is on the class path but was not started with -javaagent
            }
            ReentrantLock lock = (ReentrantLock) lookup
                    .findStatic(bridge, "lock", MethodType.methodType(ReentrantLock.class)).invokeExact();
            return new AgentDomain(lock,
                    lookup.findStatic(bridge, "cell",
                            MethodType.methodType(AtomicInteger.class, String.class, boolean.class, boolean.class)),
                    lookup.findStatic(bridge, "sync", MethodType.methodType(void.class, String[].class)),
                    lookup.findStatic(bridge, "initialValueOf", MethodType.methodType(Boolean.class, String.class)),
                    lookup.findStatic(bridge, "knownNames", MethodType.methodType(String[].class)),
                    lookup.findStatic(bridge, "classInitialized", MethodType.methodType(void.class, Class.class)),
                    lookup.findStatic(bridge, "preset", MethodType.methodType(void.class, String.class, Boolean.class)),
                    lookup.findStatic(bridge, "presetOf", MethodType.methodType(Boolean.class, String.class)));
        } catch (Throwable e) {
            rethrowIfFatal(e);
            System.getLogger("dev.statickeys").log(System.Logger.Level.ERROR,
                    "statickeys: cannot link to the agent (" + e + "); keys work as plain checks in "
                            + StaticKey.class.getClassLoader(), e);
            return null;
        }
    }

    @Override
    ReentrantLock lock() {
        return lock;
    }

    @Override
    AtomicInteger cell(String name, boolean initialValue, boolean definition) {
        try {
            return (AtomicInteger) cell.invokeExact(name, initialValue, definition);
        } catch (Throwable e) {
            throw unchecked(e);
        }
    }

    @Override
    void sync(Collection<StaticKey> keys) {
        String[] names = keys.stream().map(StaticKey::name).distinct().toArray(String[]::new);
        try {
            sync.invokeExact(names);
        } catch (Throwable e) {
            throw unchecked(e);
        }
    }

    @Override
    Boolean knownInitialValue(String name) {
        try {
            return (Boolean) initialValueOf.invokeExact(name);
        } catch (Throwable e) {
            throw unchecked(e);
        }
    }

    @Override
    void preset(String name, Boolean state) {
        try {
            preset.invokeExact(name, state);
        } catch (Throwable e) {
            throw unchecked(e);
        }
    }

    @Override
    Boolean preset(String name) {
        try {
            return (Boolean) presetOf.invokeExact(name);
        } catch (Throwable e) {
            throw unchecked(e);
        }
    }

    @Override
    Collection<String> knownNames() {
        try {
            return Arrays.asList((String[]) knownNames.invokeExact());
        } catch (Throwable e) {
            throw unchecked(e);
        }
    }

    @Override
    boolean patching() {
        return true;
    }

    @Override
    void classInitialized(Class<?> type) {
        try {
            classInitialized.invokeExact(type);
        } catch (Throwable e) {
            throw unchecked(e);
        }
    }

    private static void rethrowIfFatal(Throwable e) {
        if (e instanceof VirtualMachineError) {
            throw (VirtualMachineError) e;
        }
    }

    private static RuntimeException unchecked(Throwable e) {
        if (e instanceof RuntimeException) {
            return (RuntimeException) e;
        }
        if (e instanceof Error) {
            throw (Error) e;
        }
        return new IllegalStateException("statickeys agent call failed", e);
    }
}
