package dev.statickeys.agent.jvm;

import dev.statickeys.agent.core.JumpLabels;
import dev.statickeys.agent.core.KeyRecord;
import dev.statickeys.agent.core.KeyRegistry;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
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
    private final KeyActivity activity = new KeyActivity();
    private final List<FlipListener> listeners = new CopyOnWriteArrayList<>();
    /** The patch operation in progress; changed under the flip lock. */
    private Flip current;

    /** @param repatcher re-patches live classes in one operation (called with the flip lock held) */
    public ClassSites(Consumer<List<Class<?>>> repatcher) {
        this.repatcher = repatcher;
        this.core = new JumpLabels(this::update);
    }

    private void update(Map<String, Boolean> states) {
        Flip flip = new Flip(states);
        current = flip;
        for (FlipListener listener : listeners) {
            listener.starting(flip);
        }
        try {
            List<Class<?>> classes = sites.liveClassesOf(states.keySet());
            if (!classes.isEmpty()) {
                repatcher.accept(classes);
            }
        } finally {
            current = null;
            flip.end();
            activity.flipped(flip);
            for (FlipListener listener : listeners) {
                listener.flipped(flip);
            }
        }
    }

    /** Adds a listener told about every patch operation from now on. */
    public void addListener(FlipListener listener) {
        listeners.add(listener);
    }

    /** What happened to each key since start. */
    public KeyActivity activity() {
        return activity;
    }

    /** The live classes a flip of {@code key} retransforms now (or would, for holders past their budget). */
    public List<Class<?>> liveClassesOf(String key) {
        return sites.liveClassesOf(List.of(key));
    }

    /** Records that the patch operation in progress passed {@code classes} to {@code retransformClasses}. */
    void retransformed(List<Class<?>> classes) {
        if (current != null && core.lock().isHeldByCurrentThread()) {
            current.retransformed(classes);
        }
    }

    /**
     * Records that a class could not be patched: as part of the patch operation in progress if there is
     * one (this thread then holds the flip lock), else on its own (at load, or at initialization).
     */
    void patchFailed(String className, String reason) {
        Flip flip = core.lock().isHeldByCurrentThread() ? current : null;
        if (flip != null) {
            flip.failed(className, reason);
        } else {
            for (FlipListener listener : listeners) {
                listener.patchFailed(className, reason);
            }
        }
    }

    /** Counts the sites of {@code key} in a class that just loaded. */
    void sitesLoaded(String key, int sites) {
        activity.sitesLoaded(key, sites);
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
        loaded(loader, className, used, Set.of());
    }

    /** Records a class patched at load time with the given applied states, calling the holders of {@code holderKeys}. */
    void loaded(ClassLoader loader, String className, Map<String, Boolean> used, Set<String> holderKeys) {
        sites.loaded(loader, className, used, holderKeys);
    }

    /**
     * Records that live class {@code type} was just re-patched with {@code used} states (empty when its
     * sites no longer depend on key states), calling the holders of {@code holderKeys}. Called by the
     * transformer during a re-patch.
     */
    void repatched(Class<?> type, Map<String, Boolean> used, Set<String> holderKeys) {
        sites.repatched(type, used.keySet(), holderKeys);
    }

    /** The live classes whose sites call the holder of {@code key}. */
    List<Class<?>> holderUsersOf(String key) {
        return sites.holderUsersOf(key);
    }

    /** The keys whose holders live class {@code type} calls. */
    Set<String> holderKeysOf(Class<?> type) {
        return sites.holderKeysOf(type);
    }

    /**
     * Called from the static initializer of a class patched at load. Makes it live and re-patches it if
     * any key it uses changed since.
     */
    public void classInitialized(Class<?> type) {
        ReentrantLock lock = core.lock();
        lock.lock();
        try {
            SiteTable.Patched patched = sites.live(type);
            if (patched != null && isStale(patched.used)) {
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
