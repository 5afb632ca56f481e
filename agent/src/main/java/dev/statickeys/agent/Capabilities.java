package dev.statickeys.agent;

import dev.statickeys.agent.jvm.JvmBackend;
import dev.statickeys.agent.jvm.KeyActivity;
import dev.statickeys.internal.core.Deferred;
import dev.statickeys.internal.core.KeyControl;
import dev.statickeys.internal.core.KeyRecord;
import dev.statickeys.internal.core.Transition;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.IntSupplier;
import java.util.function.ObjLongConsumer;

/**
 * What the agent gives the application: method handles, with JDK types only, over the one state machine
 * ({@link KeyControl}) and the JVM backend. {@code boot.Bridge} and {@code holders.Anchor} hold them. Each
 * is a capability with the API's rules; none exposes a count cell, a call site, a class, the registry or
 * the {@code Instrumentation}, and the objects they return (count readers, deferred handles, call site
 * invokers) belong to this module, which opens nothing, so reflection cannot look inside them.
 *
 * <p>The handles are of static methods over state set once, when the agent installs (once per JVM). Handles
 * bound to an instance would cost the JVM a class per method type for the binding, spun at start-up: 11
 * classes and about 7 ms before the first class with sites loads (issue 19's start-up profile).
 */
final class Capabilities {
    private static KeyControl control;
    private static JvmBackend backend;
    private static final FlipObservers observers = new FlipObservers();
    /** Whether {@link #of} has run: the state above is set once per JVM. */
    private static boolean made;

    private Capabilities() {}

    /**
     * The capabilities by name, as {@code boot.Bridge} and {@code holders.Anchor} look them up, over
     * {@code control} and {@code backend}. Once per JVM: the state is set before any handle is returned, and
     * the handles reach other threads only through the static initializers of {@code boot.Bridge} and
     * {@code holders.Anchor}, which publish them safely.
     *
     * @throws IllegalStateException if called a second time
     */
    static synchronized Map<String, MethodHandle> of(KeyControl control, JvmBackend backend) {
        if (made) {
            throw new IllegalStateException("the capabilities exist already");
        }
        MethodHandles.Lookup lookup = MethodHandles.lookup();
        Map<String, MethodHandle> handles = new LinkedHashMap<>();
        for (java.lang.reflect.Method method : Capabilities.class.getDeclaredMethods()) {
            if (EXPOSED.contains(method.getName())) {
                try {
                    handles.put(method.getName(), lookup.unreflect(method));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        Capabilities.control = control;
        Capabilities.backend = backend;
        made = true;
        return handles;
    }

    /**
     * The methods handed out, by name. A list rather than an annotation: reading annotations in premain
     * costs the JVM its annotation parser and a proxy class (about 60 classes, issue 19's start-up profile).
     */
    private static final Set<String> EXPOSED = Set.of("define", "update", "batch", "deferred", "initialValueOf",
            "knownNames", "preset", "presetOf", "classInitialized", "statistics", "backend", "keyStatistics",
            "observeFlips", "flipSequence", "holderReader");

    private static IntSupplier define(String name, boolean initialValue, boolean definition) {
        return control.core().keys().define(name, initialValue, definition).reader();
    }

    private static void update(String name, String operation) {
        control.update(name, transition(operation));
    }

    private static Transition transition(String operation) {
        for (Transition transition : Transition.values()) {
            if (transition.name().equals(operation)) {
                return transition;
            }
        }
        throw new IllegalArgumentException("unknown static key operation \"" + operation
                + "\"; expected ENABLE, DISABLE, INCREMENT or DECREMENT");
    }

    private static void batch(Runnable flips) {
        control.batch(flips);
    }

    private static Object[] deferred(String name, long delayNanos) {
        Deferred handle = control.deferred(name, delayNanos);
        return new Object[] {(Runnable) handle::increment, (Runnable) handle::decrement, (Runnable) handle::flush,
            (IntSupplier) handle::pending};
    }

    private static Boolean initialValueOf(String name) {
        KeyRecord key = control.core().keys().get(name);
        return key == null ? null : key.initialValue();
    }

    private static String[] knownNames() {
        return control.core().keys().all().stream().map(KeyRecord::name).sorted().toArray(String[]::new);
    }

    private static void preset(String name, Boolean state) {
        control.core().keys().preset(name, state);
    }

    private static Boolean presetOf(String name) {
        return control.core().keys().preset(name);
    }

    private static void classInitialized(Class<?> type) {
        try {
            backend.classInitialized(type);
        } catch (RuntimeException | LinkageError e) {
            Reports.log(java.lang.System.Logger.Level.ERROR, "class " + type.getName()
                    + ": registering its sites failed", e);
        }
    }

    private static Map<String, Long> statistics() {
        return backend.statistics();
    }

    private static String backend() {
        return backend.formAtLoad().name();
    }

    /** {@code {sites, classes, flips}} of a known key, as the MXBean shows them. */
    private static long[] keyStatistics(String name) {
        control.core().keys().require(name);
        KeyActivity.Stats stats = backend.activity().of(name);
        return new long[] {stats.sites(), stats.classes(), stats.flips()};
    }

    /**
     * Reports every patch operation to {@code observer}, held weakly by the core (a copy of the API keeps
     * its observer; an undeployed webapp's copy is not pinned by the agent).
     */
    private static void observeFlips(ObjLongConsumer<Map<String, Boolean>> observer) {
        control.core().observe(observers.relay(observer)); // never the caller's observer under the flip lock
    }

    private static long flipSequence() {
        return control.core().sequence();
    }

    private static MethodHandle holderReader(String key) {
        return backend.holderReader(key);
    }
}
