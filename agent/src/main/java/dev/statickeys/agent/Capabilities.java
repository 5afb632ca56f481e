package dev.statickeys.agent;

import dev.statickeys.agent.core.JumpLabels;
import dev.statickeys.agent.core.KeyRecord;
import dev.statickeys.agent.jvm.JvmBackend;
import java.lang.System.Logger.Level;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

/**
 * What every copy of the statickeys API in the JVM may do with the installed agent, as static methods with
 * JDK types only. Application code never sees this class: {@link #take()} hands method handles to these
 * methods, once, to the visible {@code dev.statickeys.agent.boot.Bridge}, which keeps them in
 * {@code private static final} fields. The state here (the core, which holds the {@code Instrumentation})
 * lives in the agent's own module, which opens nothing, so {@code setAccessible} cannot reach it.
 */
final class Capabilities {
    private static volatile JumpLabels core;
    private static volatile JvmBackend backend;
    private static volatile Runnable firstDefinition;
    private static final AtomicBoolean TAKEN = new AtomicBoolean();

    private Capabilities() {}

    /** @param onFirstDefinition run once, when the application defines its first key */
    static void install(JumpLabels installedCore, JvmBackend installedBackend, Runnable onFirstDefinition) {
        backend = installedBackend;
        firstDefinition = onFirstDefinition;
        core = installedCore;
    }

    /**
     * Handles to the capabilities below, by method name, the first time it is called after the agent was
     * installed; an empty map before that and ever after, so no second taker gets them.
     */
    static Map<String, MethodHandle> take() {
        if (!installed() || !TAKEN.compareAndSet(false, true)) {
            return Map.of();
        }
        MethodHandles.Lookup lookup = MethodHandles.lookup();
        Map<String, MethodHandle> handles = new TreeMap<>();
        try {
            put(handles, lookup, "installed", MethodType.methodType(boolean.class));
            put(handles, lookup, "lock", MethodType.methodType(ReentrantLock.class));
            put(handles, lookup, "cell",
                    MethodType.methodType(AtomicInteger.class, String.class, boolean.class, boolean.class));
            put(handles, lookup, "sync", MethodType.methodType(void.class, String[].class));
            put(handles, lookup, "initialValueOf", MethodType.methodType(Boolean.class, String.class));
            put(handles, lookup, "preset", MethodType.methodType(void.class, String.class, Boolean.class));
            put(handles, lookup, "presetOf", MethodType.methodType(Boolean.class, String.class));
            put(handles, lookup, "knownNames", MethodType.methodType(String[].class));
            put(handles, lookup, "statistics", MethodType.methodType(Map.class));
            put(handles, lookup, "backend", MethodType.methodType(String.class));
            put(handles, lookup, "classInitialized", MethodType.methodType(void.class, Class.class));
        } catch (NoSuchMethodException | IllegalAccessException e) {
            throw new IllegalStateException("statickeys agent: a capability is missing: " + e, e);
        }
        return Map.copyOf(handles);
    }

    private static void put(Map<String, MethodHandle> handles, MethodHandles.Lookup lookup, String name,
            MethodType type) throws NoSuchMethodException, IllegalAccessException {
        handles.put(name, lookup.findStatic(Capabilities.class, name, type));
    }

    /** Whether the agent was started (rather than its jar merely being on the class path). */
    static boolean installed() {
        return core != null;
    }

    /** The JVM-wide flip lock. */
    static ReentrantLock lock() {
        return core().lock();
    }

    /**
     * The count cell shared by every key object named {@code name}.
     *
     * @throws IllegalArgumentException if the name is known with the other initial value
     */
    static AtomicInteger cell(String name, boolean initialValue, boolean definition) {
        AtomicInteger cell = core().keys().define(name, initialValue, definition).count();
        Runnable first = firstDefinition;
        if (definition && first != null) {
            firstDefinition = null;
            first.run();
        }
        return cell;
    }

    /** Brings the named keys' sites in line with their counts; the caller holds {@link #lock()}. */
    static void sync(String[] names) {
        core().sync(names);
    }

    /** The initial value of a key known by name (defined, or read by a loaded site), or null. */
    static Boolean initialValueOf(String name) {
        KeyRecord key = core().keys().get(name);
        return key == null ? null : key.initialValue();
    }

    /** Sets or (null) clears the state key {@code name} starts in if it is not known yet. */
    static void preset(String name, Boolean state) {
        core().keys().preset(name, state);
    }

    /** The state key {@code name} would start in if it became known now, or null for its definition's. */
    static Boolean presetOf(String name) {
        return core().keys().preset(name);
    }

    /** Every key name the agent knows. */
    static String[] knownNames() {
        return core().keys().all().stream().map(KeyRecord::name).sorted().toArray(String[]::new);
    }

    /** Diagnostics since start (see {@code dev.statickeys.agent.boot.Bridge#statistics()}). */
    static Map<String, Long> statistics() {
        core();
        return backend.statistics();
    }

    /** The form sites take when their class loads: {@code "HOLDER"} or {@code "INLINE"}. */
    static String backend() {
        core();
        return backend.formAtLoad().name();
    }

    /** Called from the static initializer of a patched class. Never throws. */
    static void classInitialized(Class<?> type) {
        try {
            core();
            backend.classInitialized(type);
        } catch (RuntimeException | LinkageError e) {
            Reports.log(Level.ERROR, "class " + type.getName() + ": registering its sites failed", e);
        }
    }

    private static JumpLabels core() {
        JumpLabels installed = core;
        if (installed == null) {
            throw new IllegalStateException("the statickeys agent is not installed");
        }
        return installed;
    }
}
