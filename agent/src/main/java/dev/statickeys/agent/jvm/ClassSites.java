package dev.statickeys.agent.jvm;

import dev.statickeys.internal.core.JumpLabels;
import dev.statickeys.internal.core.KeyRecord;
import dev.statickeys.internal.core.KeyRegistry;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The JVM architecture's side of the core: which classes hold sites of which key ({@link SiteTable}),
 * and the core's backend hook turned into "re-patch these live classes".
 *
 * <p>The race between class loading and flipping is closed by design, without the flip lock on the
 * class-loading path. The transformer reads the <em>applied</em> state of each key (volatile) when it
 * patches a class at load ({@link #appliedState}) and records what it used ({@link #loaded}). A flip
 * first publishes the new applied state, then collects the live classes from the site table (under the
 * table's own monitor) and re-patches them. A class becomes live in its static initializer, under that
 * same monitor, before any of its sites can run ({@link #classInitialized}), then compares the states it
 * used with the applied ones. If it became live before the flip collected, the flip re-patches it;
 * otherwise the flip had published its state already, the class sees it is stale and re-patches itself
 * on the spot. Two threads re-patching one class at once cannot leave it stale: HotSpot runs a
 * redefinition's transformers and installs its result while no other thread redefines that class
 * ({@code VM_RedefineClasses::lock_classes} in {@code doit_prologue}), so the last class installed was
 * transformed last, with the latest applied state.
 *
 * <p>Lock order: the flip lock (held by flips across the backend's retransformation), then the site
 * table's monitor (held only inside this package's short methods, never across a call out).
 */
public final class ClassSites {
    private final SiteTable sites = new SiteTable();
    private final Consumer<List<Class<?>>> repatcher;
    private final JumpLabels core;
    private final KeyActivity activity = new KeyActivity();
    private final List<FlipListener> listeners = new CopyOnWriteArrayList<>();
    /** The patch operation in progress; changed under the flip lock, read by the patching thread. */
    private volatile Flip current;

    /**
     * @param repatcher re-patches live classes in one operation: called by flips with the flip lock held,
     *     and by classes re-patching themselves at initialization with no lock held
     */
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
        if (current != null && core.patchingOnThisThread()) {
            current.retransformed(classes);
        }
    }

    /**
     * Records that a class could not be patched: as part of the patch operation in progress if there is
     * one on this thread, else on its own (at load, or at initialization).
     */
    void patchFailed(String className, String reason) {
        Flip flip = core.patchingOnThisThread() ? current : null;
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
        SiteTable.Patched patched = sites.live(type);
        if (patched != null && isStale(patched.used)) {
            repatcher.accept(List.of(type));
        }
    }

    /**
     * Re-patches live class {@code type} now, whatever the states it was patched with. Takes no lock: it
     * runs on the class-loading path (see the class comment for why that is safe).
     */
    public void repatchNow(Class<?> type) {
        repatcher.accept(List.of(type));
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
