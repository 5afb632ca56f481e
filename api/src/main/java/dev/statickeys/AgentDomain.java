package dev.statickeys;

import dev.statickeys.internal.core.Transition;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Arrays;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntSupplier;
import java.util.function.ObjLongConsumer;

/**
 * The domain linked to the statickeys agent. The agent's classes are out of reach of the application
 * (an isolated module); what any copy of this API sees is the agent's link class, {@value #BRIDGE}, in the
 * system class loader, whose public static methods are capabilities over the agent's one state machine,
 * with JDK types only: read a count, apply an operation with the API's rules, run a batch, make a
 * deferred handle. Nothing there can set a count or patch a site around those rules.
 */
final class AgentDomain extends KeyDomain {
    static final String BRIDGE = "dev.statickeys.agent.boot.Bridge";

    private final MethodHandle define;
    private final MethodHandle update;
    private final MethodHandle batch;
    private final MethodHandle deferred;
    private final MethodHandle initialValueOf;
    private final MethodHandle knownNames;
    private final MethodHandle classInitialized;
    private final MethodHandle preset;
    private final MethodHandle presetOf;
    private final MethodHandle backend;
    // Read-only additions of a later version: an older agent lacks them (null), and only they fail then.
    private final MethodHandle keyStatistics;
    private final MethodHandle observeFlips;

    private AgentDomain(Class<?> bridge) throws ReflectiveOperationException {
        MethodHandles.Lookup lookup = MethodHandles.publicLookup();
        define = lookup.findStatic(bridge, "define",
                MethodType.methodType(IntSupplier.class, String.class, boolean.class, boolean.class));
        update = lookup.findStatic(bridge, "update", MethodType.methodType(void.class, String.class, String.class));
        batch = lookup.findStatic(bridge, "batch", MethodType.methodType(void.class, Runnable.class));
        deferred = lookup.findStatic(bridge, "deferred", MethodType.methodType(Object[].class, String.class, long.class));
        initialValueOf = lookup.findStatic(bridge, "initialValueOf", MethodType.methodType(Boolean.class, String.class));
        knownNames = lookup.findStatic(bridge, "knownNames", MethodType.methodType(String[].class));
        classInitialized = lookup.findStatic(bridge, "classInitialized", MethodType.methodType(void.class, Class.class));
        preset = lookup.findStatic(bridge, "preset", MethodType.methodType(void.class, String.class, Boolean.class));
        presetOf = lookup.findStatic(bridge, "presetOf", MethodType.methodType(Boolean.class, String.class));
        backend = lookup.findStatic(bridge, "backend", MethodType.methodType(String.class));
        keyStatistics = optional(lookup, bridge, "keyStatistics", MethodType.methodType(long[].class, String.class));
        observeFlips = optional(lookup, bridge, "observeFlips", MethodType.methodType(void.class, ObjLongConsumer.class));
    }

    private static MethodHandle optional(MethodHandles.Lookup lookup, Class<?> bridge, String name, MethodType type)
            throws IllegalAccessException {
        try {
            return lookup.findStatic(bridge, name, type);
        } catch (NoSuchMethodException e) {
            return null;
        }
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
            boolean installed = (boolean) MethodHandles.publicLookup()
                    .findStatic(bridge, "installed", MethodType.methodType(boolean.class)).invokeExact();
            return installed ? new AgentDomain(bridge) : null; // else the jar is on the class path, not started
        } catch (Throwable e) {
            rethrowIfFatal(e);
            System.err.println("statickeys: cannot link to the agent (" + e + "); keys work as plain checks in "
                    + StaticKey.class.getClassLoader());
            return null;
        }
    }

    @Override
    IntSupplier cell(String name, boolean initialValue, boolean definition) {
        try {
            return (IntSupplier) define.invokeExact(name, initialValue, definition);
        } catch (Throwable e) {
            throw unchecked(e);
        }
    }

    @Override
    void update(String name, Transition op) {
        try {
            update.invokeExact(name, op.name());
        } catch (Throwable e) {
            throw unchecked(e);
        }
    }

    @Override
    void batch(Runnable flips) {
        try {
            batch.invokeExact(flips);
        } catch (Throwable e) {
            throw unchecked(e);
        }
    }

    @Override
    DeferredOps deferred(String name, long delayNanos) {
        Object[] ops;
        try {
            ops = (Object[]) deferred.invokeExact(name, delayNanos);
        } catch (Throwable e) {
            throw unchecked(e);
        }
        Runnable increment = (Runnable) ops[0];
        Runnable decrement = (Runnable) ops[1];
        Runnable flush = (Runnable) ops[2];
        IntSupplier pending = (IntSupplier) ops[3];
        return new DeferredOps() {
            @Override
            public void increment() {
                increment.run();
            }

            @Override
            public void decrement() {
                decrement.run();
            }

            @Override
            public void flush() {
                flush.run();
            }

            @Override
            public int pending() {
                return pending.getAsInt();
            }
        };
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

    @Override
    long[] statistics(String name) {
        try {
            return (long[]) require(keyStatistics, "keyStatistics").invokeExact(name);
        } catch (Throwable e) {
            throw unchecked(e);
        }
    }

    @Override
    String backend() {
        try {
            return ((String) backend.invokeExact()).toLowerCase(Locale.ROOT);
        } catch (Throwable e) {
            throw unchecked(e);
        }
    }

    @Override
    void observe(ObjLongConsumer<Map<String, Boolean>> observer) {
        try {
            require(observeFlips, "observeFlips").invokeExact((ObjLongConsumer<?>) observer);
        } catch (Throwable e) {
            throw unchecked(e);
        }
    }

    private static MethodHandle require(MethodHandle handle, String name) {
        if (handle == null) {
            throw new UnsupportedOperationException("the statickeys agent in this JVM is older than this copy of the"
                    + " API: its link has no " + name + "; use an agent of the API's version");
        }
        return handle;
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
