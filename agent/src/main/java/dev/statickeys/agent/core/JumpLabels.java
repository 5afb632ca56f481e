package dev.statickeys.agent.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The generic core, after {@code kernel/jump_label.c}: the key registry, the site table, the flip lock
 * and the update loop that asks the backend to re-patch. It does not know whether it patches class
 * files or anything else.
 *
 * <p>The race between class loading and flipping is closed by design. The transformer reads the
 * <em>applied</em> state of each key when it patches a class at load ({@link #appliedState}) and records
 * what it used ({@link #loaded}). A flip, under the lock, first publishes the new applied state and then
 * re-patches the live classes. A class becomes live in its static initializer, under the same lock,
 * before any of its sites can run ({@link #classInitialized}); if a flip came between its loading and
 * then, it is re-patched on the spot. So a class is either re-patched by the flip or re-patches itself.
 */
public final class JumpLabels {
    private final ReentrantLock lock = new ReentrantLock();
    private final KeyRegistry keys = new KeyRegistry();
    private final SiteTable sites = new SiteTable();
    private final Backend backend;

    public JumpLabels(Backend backend) {
        this.backend = backend;
    }

    /** The flip lock (the kernel's {@code jump_label_mutex}), shared with every copy of the API. */
    public ReentrantLock lock() {
        return lock;
    }

    public KeyRegistry keys() {
        return keys;
    }

    public SiteTable sites() {
        return sites;
    }

    /** The state sites of {@code name} should show now; the key becomes known if it was not. */
    public boolean appliedState(String name, boolean initialValue) {
        return keys.forSite(name, initialValue).applied();
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
     * Brings the sites of the named keys in line with their counts, re-patching every live class that
     * holds a site of a key whose state changed, in one backend operation. Keys already in line cost
     * nothing. The caller holds {@link #lock()}.
     */
    public void sync(String... names) {
        if (!lock.isHeldByCurrentThread()) {
            throw new IllegalStateException("sync called without the flip lock");
        }
        List<String> changed = new ArrayList<>();
        for (String name : names) {
            KeyRecord key = keys.get(name);
            if (key != null && key.applied() != key.desired()) {
                key.applied(key.desired());
                changed.add(name);
            }
        }
        if (!changed.isEmpty()) {
            List<Class<?>> classes = sites.liveClassesOf(changed);
            if (!classes.isEmpty()) {
                repatch(classes);
            }
        }
    }

    /**
     * Called from the static initializer of a class patched at load. Makes it live and re-patches it if
     * any key it uses changed since.
     */
    public void classInitialized(Class<?> type) {
        lock.lock();
        try {
            Map<String, Boolean> used = sites.live(type);
            if (used != null && isStale(used)) {
                repatch(List.of(type));
            }
        } finally {
            lock.unlock();
        }
    }

    /** Re-patches live class {@code type} now, whatever the states it was patched with. */
    public void repatchNow(Class<?> type) {
        lock.lock();
        try {
            repatch(List.of(type));
        } finally {
            lock.unlock();
        }
    }

    private void repatch(List<Class<?>> classes) {
        backend.repatch(classes);
    }

    private boolean isStale(Map<String, Boolean> used) {
        for (Map.Entry<String, Boolean> entry : used.entrySet()) {
            KeyRecord key = keys.get(entry.getKey());
            if (key != null && key.applied() != entry.getValue()) {
                return true;
            }
        }
        return false;
    }
}
