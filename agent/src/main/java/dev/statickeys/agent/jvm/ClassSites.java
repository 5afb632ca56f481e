package dev.statickeys.agent.jvm;

import dev.statickeys.agent.core.JumpLabels;
import dev.statickeys.agent.core.KeyRecord;
import dev.statickeys.agent.core.KeyRegistry;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The JVM architecture's side of the core: which classes hold sites of which key ({@link SiteTable}),
 * and the core's backend hook turned into "re-patch these live classes".
 *
 * <p>The race between class loading and flipping is closed by design. The transformer reads the
 * <em>applied</em> state of each key when it patches a class at load ({@link #appliedState}) and records
 * what it used ({@link #loaded}). A flip, under the lock, first publishes the new applied state and then
 * re-patches the live classes. A class becomes live in its static initializer, under the same lock,
 * before any of its sites can run ({@link #classInitialized}); if a flip came between its loading and
 * then, it is re-patched on the spot. So a class is either re-patched by the flip or re-patches itself.
 */
public final class ClassSites {
    private final SiteTable sites = new SiteTable();
    private final Consumer<List<Class<?>>> repatcher;
    private final JumpLabels core;

    /** @param repatcher re-patches live classes in one operation (called with the flip lock held) */
    public ClassSites(Consumer<List<Class<?>>> repatcher) {
        this.repatcher = repatcher;
        this.core = new JumpLabels(states -> {
            List<Class<?>> classes = sites.liveClassesOf(states.keySet());
            if (!classes.isEmpty()) {
                repatcher.accept(classes);
            }
        });
    }

    public JumpLabels core() {
        return core;
    }

    public ReentrantLock lock() {
        return core.lock();
    }

    public KeyRegistry keys() {
        return core.keys();
    }

    /** See {@link JumpLabels#sync}. */
    public void sync(String... names) {
        core.sync(names);
    }

    /** The state sites of {@code name} should show now; the key becomes known if it was not. */
    public boolean appliedState(String name, boolean initialValue) {
        return core.appliedState(name, initialValue);
    }

    /** Records a class patched at load time with the given applied states. */
    public void loaded(ClassLoader loader, String className, Map<String, Boolean> used) {
        sites.loaded(loader, className, used);
    }

    /**
     * Records that live class {@code type} was just re-patched with {@code used} states (empty when its
     * sites no longer depend on key states). Called by the transformer during a re-patch.
     */
    public void repatched(Class<?> type, Map<String, Boolean> used) {
        sites.repatched(type, used.keySet());
    }

    /**
     * Called from the static initializer of a class patched at load. Makes it live and re-patches it if
     * any key it uses changed since.
     */
    public void classInitialized(Class<?> type) {
        ReentrantLock lock = core.lock();
        lock.lock();
        try {
            Map<String, Boolean> used = sites.live(type);
            if (used != null && isStale(used)) {
                repatcher.accept(List.of(type));
            }
        } finally {
            lock.unlock();
        }
    }

    /** Re-patches live class {@code type} now, whatever the states it was patched with. */
    public void repatchNow(Class<?> type) {
        ReentrantLock lock = core.lock();
        lock.lock();
        try {
            repatcher.accept(List.of(type));
        } finally {
            lock.unlock();
        }
    }

    private boolean isStale(Map<String, Boolean> used) {
        for (Map.Entry<String, Boolean> entry : used.entrySet()) {
            KeyRecord key = core.keys().get(entry.getKey());
            if (key != null && key.applied() != entry.getValue()) {
                return true;
            }
        }
        return false;
    }
}
