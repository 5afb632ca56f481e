package dev.statickeys.agent.core;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The generic core, after {@code kernel/jump_label.c}: the key registry, the flip lock and the update
 * loop that publishes each key's new applied state and asks the backend to patch its sites. It knows
 * neither classes nor instructions: each architecture keeps its own site table behind {@link Backend}
 * (the JVM's is {@code jvm.ClassSites}, the x86 simulation's is the image's {@code __jump_table}).
 */
public final class JumpLabels {
    private final ReentrantLock lock = new ReentrantLock();
    private final KeyRegistry keys = new KeyRegistry();
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

    /** The state sites of {@code name} should show now; the key becomes known if it was not. */
    public boolean appliedState(String name, boolean initialValue) {
        return keys.forSite(name, initialValue).applied();
    }

    /**
     * Brings the sites of the named keys in line with their counts: publishes each changed key's applied
     * state, then asks the backend to patch the sites of every changed key in one operation. Keys already
     * in line cost nothing. The caller holds {@link #lock()}.
     */
    public void sync(String... names) {
        if (!lock.isHeldByCurrentThread()) {
            throw new IllegalStateException("sync called without the flip lock");
        }
        Map<String, Boolean> changed = new LinkedHashMap<>();
        for (String name : names) {
            KeyRecord key = keys.get(name);
            if (key != null && key.applied() != key.desired()) {
                key.applied(key.desired());
                changed.put(name, key.desired());
            }
        }
        if (!changed.isEmpty()) {
            try {
                backend.update(changed);
            } catch (RuntimeException | Error e) {
                // The backend refused before writing anything: the sites still show the old states.
                for (String name : changed.keySet()) {
                    KeyRecord key = keys.get(name);
                    key.applied(!key.applied());
                }
                throw e;
            }
        }
    }
}
