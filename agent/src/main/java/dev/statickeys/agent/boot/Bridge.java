package dev.statickeys.agent.boot;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodType;
import java.util.Map;
import java.util.function.IntSupplier;
import java.util.function.ObjLongConsumer;

/**
 * Not API: the agent's link for every copy of the statickeys API in the JVM, looked up by name through
 * the system class loader. JDK types only, because the API and the agent live in different class loaders.
 *
 * <p>Every method is a capability over the agent's one key state machine, with the API's rules: read a
 * count, apply an operation, run a batch, make a deferred handle, set a preset, report a class
 * initialized. Nothing here can set a count, patch a site or register a name around those rules, and no
 * field holds the agent's {@code Instrumentation} or any mutable state: the method handles are
 * {@code static final}, taken once from {@link Trampoline} during start-up.
 */
public final class Bridge {
    private static final Map<String, MethodHandle> CAPABILITIES = Trampoline.capabilities();
    private static final MethodHandle DEFINE = capability("define",
            MethodType.methodType(IntSupplier.class, String.class, boolean.class, boolean.class));
    private static final MethodHandle UPDATE = capability("update",
            MethodType.methodType(void.class, String.class, String.class));
    private static final MethodHandle BATCH = capability("batch", MethodType.methodType(void.class, Runnable.class));
    private static final MethodHandle DEFERRED = capability("deferred",
            MethodType.methodType(Object[].class, String.class, long.class));
    private static final MethodHandle INITIAL_VALUE_OF = capability("initialValueOf",
            MethodType.methodType(Boolean.class, String.class));
    private static final MethodHandle KNOWN_NAMES = capability("knownNames", MethodType.methodType(String[].class));
    private static final MethodHandle PRESET = capability("preset",
            MethodType.methodType(void.class, String.class, Boolean.class));
    private static final MethodHandle PRESET_OF = capability("presetOf",
            MethodType.methodType(Boolean.class, String.class));
    private static final MethodHandle CLASS_INITIALIZED = capability("classInitialized",
            MethodType.methodType(void.class, Class.class));
    private static final MethodHandle STATISTICS = capability("statistics", MethodType.methodType(Map.class));
    private static final MethodHandle BACKEND = capability("backend", MethodType.methodType(String.class));
    private static final MethodHandle FLIP_SEQUENCE = capability("flipSequence", MethodType.methodType(long.class));
    private static final MethodHandle KEY_STATISTICS = capability("keyStatistics",
            MethodType.methodType(long[].class, String.class));
    private static final MethodHandle OBSERVE_FLIPS = capability("observeFlips",
            MethodType.methodType(void.class, ObjLongConsumer.class));

    private Bridge() {}

    private static MethodHandle capability(String name, MethodType type) {
        MethodHandle handle = CAPABILITIES.get(name);
        return handle == null ? null : handle.asType(type);
    }

    /** Whether the agent was started (rather than its jar merely being on the class path). */
    public static boolean installed() {
        return DEFINE != null;
    }

    /**
     * A reader of the count of key {@code name}, the key becoming known if it is not.
     *
     * @param definition true for a {@code define*} call, false when the API adopts a key known from its sites
     * @throws IllegalArgumentException if the name breaks the naming rule or is known with the other initial value
     */
    public static IntSupplier define(String name, boolean initialValue, boolean definition) {
        try {
            return (IntSupplier) require(DEFINE).invokeExact(name, initialValue, definition);
        } catch (Throwable e) {
            throw unchecked(e);
        }
    }

    /**
     * Applies {@code operation} ({@code ENABLE}, {@code DISABLE}, {@code INCREMENT}, {@code DECREMENT}) to
     * key {@code name}, as the API's methods of that name do.
     */
    public static void update(String name, String operation) {
        try {
            require(UPDATE).invokeExact(name, operation);
        } catch (Throwable e) {
            throw unchecked(e);
        }
    }

    /** Runs {@code flips} as one batch of the calling thread ({@code StaticKeys.batch}). */
    public static void batch(Runnable flips) {
        try {
            require(BATCH).invokeExact(flips);
        } catch (Throwable e) {
            throw unchecked(e);
        }
    }

    /**
     * A deferred handle on key {@code name}: {@code {Runnable increment, Runnable decrement, Runnable flush,
     * IntSupplier pending}}.
     */
    public static Object[] deferred(String name, long delayNanos) {
        try {
            return (Object[]) require(DEFERRED).invokeExact(name, delayNanos);
        } catch (Throwable e) {
            throw unchecked(e);
        }
    }

    /** The initial value of a key known by name (defined, or read by a loaded site), or null. */
    public static Boolean initialValueOf(String name) {
        try {
            return (Boolean) require(INITIAL_VALUE_OF).invokeExact(name);
        } catch (Throwable e) {
            throw unchecked(e);
        }
    }

    /** Every key name the agent knows, sorted. */
    public static String[] knownNames() {
        try {
            return (String[]) require(KNOWN_NAMES).invokeExact();
        } catch (Throwable e) {
            throw unchecked(e);
        }
    }

    /** Sets or (null) clears the state key {@code name} starts in if it is not known yet. */
    public static void preset(String name, Boolean state) {
        try {
            require(PRESET).invokeExact(name, state);
        } catch (Throwable e) {
            throw unchecked(e);
        }
    }

    /** The state key {@code name} would start in if it became known now, or null for its definition's. */
    public static Boolean presetOf(String name) {
        try {
            return (Boolean) require(PRESET_OF).invokeExact(name);
        } catch (Throwable e) {
            throw unchecked(e);
        }
    }

    /** Called from the static initializer of a patched class (through the API's Linkage). Never throws. */
    public static void classInitialized(Class<?> type) {
        try {
            require(CLASS_INITIALIZED).invokeExact(type);
        } catch (Throwable e) {
            throw unchecked(e);
        }
    }

    /** The agent's counters since start (see the README, "Diagnostics"), a snapshot. */
    @SuppressWarnings("unchecked")
    public static Map<String, Long> statistics() {
        try {
            return (Map<String, Long>) require(STATISTICS).invokeExact();
        } catch (Throwable e) {
            throw unchecked(e);
        }
    }

    /** The form sites take when their class loads: {@code "HOLDER"} or {@code "INLINE"}. */
    public static String backend() {
        try {
            return (String) require(BACKEND).invokeExact();
        } catch (Throwable e) {
            throw unchecked(e);
        }
    }

    /**
     * Grows by one when a patch operation begins and by one when it ends (odd while one runs): two equal
     * even readings mean no flip patched anything in between.
     */
    public static long flipSequence() {
        try {
            return (long) require(FLIP_SEQUENCE).invokeExact();
        } catch (Throwable e) {
            throw unchecked(e);
        }
    }

    /**
     * {@code {sites, classes, flips}} of key {@code name}: sites and classes loaded with sites of the key,
     * and patch operations that changed its state, as the MXBean shows them.
     *
     * @throws IllegalArgumentException if the name is invalid or no key has it
     */
    public static long[] keyStatistics(String name) {
        try {
            return (long[]) require(KEY_STATISTICS).invokeExact(name);
        } catch (Throwable e) {
            throw unchecked(e);
        }
    }

    /**
     * Reports every patch operation, whichever channel asked for it, to {@code observer}: the keys it changed
     * with their new states, and the patch time in nanoseconds. Called on an agent thread of its own, never
     * on the flipping thread nor with the flip lock held: an observer that blocks or throws delays or fails
     * no flip (at most 10,000 reports wait for it; later ones are dropped). Held weakly: the caller keeps it
     * reachable.
     */
    public static void observeFlips(ObjLongConsumer<Map<String, Boolean>> observer) {
        try {
            require(OBSERVE_FLIPS).invokeExact(observer);
        } catch (Throwable e) {
            throw unchecked(e);
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

    private static MethodHandle require(MethodHandle handle) {
        if (handle == null) {
            throw new IllegalStateException("the statickeys agent is not installed");
        }
        return handle;
    }
}
