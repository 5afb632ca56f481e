package dev.statickeys.agent.boot;

import java.lang.invoke.MethodHandle;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Not API: what every copy of the statickeys API in the JVM calls, looked up by name through the system
 * class loader. JDK types only, because the API and the agent may live in different class loaders.
 *
 * <p>This class is visible to all code, so it holds no agent type and no mutable state: only
 * {@code private static final} method handles (capabilities) into the agent's module, taken once, as the
 * class initializes, from the {@link Trampoline} that installed the agent. If the agent was not installed
 * when this class initialized, it never links: {@link #installed()} answers false and every other method
 * throws {@link IllegalStateException}.
 */
public final class Bridge {
    private static final MethodHandle INSTALLED;
    private static final MethodHandle LOCK;
    private static final MethodHandle CELL;
    private static final MethodHandle SYNC;
    private static final MethodHandle INITIAL_VALUE_OF;
    private static final MethodHandle PRESET;
    private static final MethodHandle PRESET_OF;
    private static final MethodHandle KNOWN_NAMES;
    private static final MethodHandle STATISTICS;
    private static final MethodHandle BACKEND;
    private static final MethodHandle CLASS_INITIALIZED;

    static {
        Map<String, MethodHandle> capabilities = Trampoline.takeCapabilities();
        INSTALLED = capabilities.get("installed");
        LOCK = capabilities.get("lock");
        CELL = capabilities.get("cell");
        SYNC = capabilities.get("sync");
        INITIAL_VALUE_OF = capabilities.get("initialValueOf");
        PRESET = capabilities.get("preset");
        PRESET_OF = capabilities.get("presetOf");
        KNOWN_NAMES = capabilities.get("knownNames");
        STATISTICS = capabilities.get("statistics");
        BACKEND = capabilities.get("backend");
        CLASS_INITIALIZED = capabilities.get("classInitialized");
    }

    private Bridge() {}

    /** Whether the agent was started (rather than its jar merely being on the class path). */
    public static boolean installed() {
        if (INSTALLED == null) {
            return false;
        }
        try {
            return (boolean) INSTALLED.invokeExact();
        } catch (Throwable e) {
            throw unchecked(e);
        }
    }

    /** The JVM-wide flip lock. */
    public static ReentrantLock lock() {
        try {
            return (ReentrantLock) linked(LOCK).invokeExact();
        } catch (Throwable e) {
            throw unchecked(e);
        }
    }

    /**
     * The count cell shared by every key object named {@code name}.
     *
     * @throws IllegalArgumentException if the name is known with the other initial value
     */
    public static AtomicInteger cell(String name, boolean initialValue, boolean definition) {
        try {
            return (AtomicInteger) linked(CELL).invokeExact(name, initialValue, definition);
        } catch (Throwable e) {
            throw unchecked(e);
        }
    }

    /** Brings the named keys' sites in line with their counts; the caller holds {@link #lock()}. */
    public static void sync(String[] names) {
        try {
            linked(SYNC).invokeExact(names);
        } catch (Throwable e) {
            throw unchecked(e);
        }
    }

    /** The initial value of a key known by name (defined, or read by a loaded site), or null. */
    public static Boolean initialValueOf(String name) {
        try {
            return (Boolean) linked(INITIAL_VALUE_OF).invokeExact(name);
        } catch (Throwable e) {
            throw unchecked(e);
        }
    }

    /** Sets or (null) clears the state key {@code name} starts in if it is not known yet. */
    public static void preset(String name, Boolean state) {
        try {
            linked(PRESET).invokeExact(name, state);
        } catch (Throwable e) {
            throw unchecked(e);
        }
    }

    /** The state key {@code name} would start in if it became known now, or null for its definition's. */
    public static Boolean presetOf(String name) {
        try {
            return (Boolean) linked(PRESET_OF).invokeExact(name);
        } catch (Throwable e) {
            throw unchecked(e);
        }
    }

    /** Every key name the agent knows, sorted. */
    public static String[] knownNames() {
        try {
            return (String[]) linked(KNOWN_NAMES).invokeExact();
        } catch (Throwable e) {
            throw unchecked(e);
        }
    }

    /**
     * Diagnostics since start: {@code patchOperations} (each one {@code retransformClasses} call covering
     * a batch of classes), {@code classesPatched} (classes in those calls: holders and classes with
     * sites), {@code holderClasses} (holders defined), {@code dynamicHolders} (holders past the flip
     * budget, reading their state), {@code holdersRetransformed}, {@code siteClassesRetransformed}, and
     * {@code classesMovedToHolders} (inline classes found running at a flip).
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Long> statistics() {
        try {
            return (Map<String, Long>) (Map<?, ?>) linked(STATISTICS).invokeExact();
        } catch (Throwable e) {
            throw unchecked(e);
        }
    }

    /** The form sites take when their class loads: {@code "HOLDER"} or {@code "INLINE"}. */
    public static String backend() {
        try {
            return (String) linked(BACKEND).invokeExact();
        } catch (Throwable e) {
            throw unchecked(e);
        }
    }

    /** Called from the static initializer of a patched class. Never throws once the agent is installed. */
    public static void classInitialized(Class<?> type) {
        try {
            linked(CLASS_INITIALIZED).invokeExact(type);
        } catch (Throwable e) {
            throw unchecked(e);
        }
    }

    private static MethodHandle linked(MethodHandle capability) {
        if (capability == null) {
            throw new IllegalStateException("the statickeys agent is not installed");
        }
        return capability;
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
