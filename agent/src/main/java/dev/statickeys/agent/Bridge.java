package dev.statickeys.agent;

import dev.statickeys.agent.core.JumpLabels;
import dev.statickeys.agent.core.KeyRecord;
import dev.statickeys.agent.jvm.JvmBackend;
import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Not API: what every copy of the statickeys API in the JVM calls, looked up by name through the system
 * class loader. JDK types only, because the API and the agent may live in different class loaders.
 */
public final class Bridge {
    private static volatile JumpLabels core;
    private static volatile JvmBackend backend;
    private static volatile Runnable firstDefinition;

    private Bridge() {}

    /** @param onFirstDefinition run once, when the application defines its first key */
    static void install(JumpLabels installedCore, JvmBackend installedBackend, Runnable onFirstDefinition) {
        backend = installedBackend;
        firstDefinition = onFirstDefinition;
        core = installedCore;
    }

    /** Whether the agent was started (rather than its jar merely being on the class path). */
    public static boolean installed() {
        return core != null;
    }

    /** The JVM-wide flip lock. */
    public static ReentrantLock lock() {
        return core().lock();
    }

    /**
     * The count cell shared by every key object named {@code name}.
     *
     * @throws IllegalArgumentException if the name is known with the other initial value
     */
    public static AtomicInteger cell(String name, boolean initialValue, boolean definition) {
        AtomicInteger cell = core().keys().define(name, initialValue, definition).count();
        Runnable first = firstDefinition;
        if (definition && first != null) {
            firstDefinition = null;
            first.run();
        }
        return cell;
    }

    /** Brings the named keys' sites in line with their counts; the caller holds {@link #lock()}. */
    public static void sync(String[] names) {
        core().sync(names);
    }

    /** The initial value of a key known by name (defined, or read by a loaded site), or null. */
    public static Boolean initialValueOf(String name) {
        KeyRecord key = core().keys().get(name);
        return key == null ? null : key.initialValue();
    }

    /** Sets or (null) clears the state key {@code name} starts in if it is not known yet. */
    public static void preset(String name, Boolean state) {
        core().keys().preset(name, state);
    }

    /** The state key {@code name} would start in if it became known now, or null for its definition's. */
    public static Boolean presetOf(String name) {
        return core().keys().preset(name);
    }

    /** Every key name the agent knows. */
    public static String[] knownNames() {
        return core().keys().all().stream().map(KeyRecord::name).sorted().toArray(String[]::new);
    }

    /**
     * Diagnostics since start: {@code patchOperations} (each one {@code retransformClasses} call covering
     * a batch of classes), {@code classesPatched} (classes in those calls: holders and classes with
     * sites), {@code holderClasses} (holders defined), {@code dynamicHolders} (holders past the flip
     * budget, reading their state), {@code holdersRetransformed}, {@code siteClassesRetransformed}, and
     * {@code classesMovedToHolders} (inline classes found running at a flip).
     */
    public static Map<String, Long> statistics() {
        core();
        return backend.statistics();
    }

    /** The form sites take when their class loads: {@code "HOLDER"} or {@code "INLINE"}. */
    public static String backend() {
        core();
        return backend.formAtLoad().name();
    }

    /** Called from the static initializer of a patched class. Never throws. */
    public static void classInitialized(Class<?> type) {
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
