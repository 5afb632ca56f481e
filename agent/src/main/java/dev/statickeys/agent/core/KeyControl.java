package dev.statickeys.agent.core;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The key operations of {@code kernel/jump_label.c} over the core, for an architecture driven from inside
 * the agent: {@code static_key_enable/disable/slow_inc/slow_dec}, batches
 * ({@code arch_jump_label_transform_queue} then one {@code _apply}) and deferred keys on a simulated
 * clock ({@code static_key_deferred}, with the API's rule that an increment cancels a pending
 * decrement). Every operation runs under the core's flip lock; a refused operation, or a patch that
 * fails verification, leaves the count and the sites as they were.
 */
public final class KeyControl {
    private final JumpLabels core;
    /** The keys the open batch touched, with their counts before it; null outside a batch. */
    private Map<String, Integer> batch;
    private final Map<String, Deferred> deferred = new LinkedHashMap<>();
    private long now;

    /** A key's pending deferred decrements and when they fall due. */
    private static final class Deferred {
        int pending;
        long due;
    }

    public KeyControl(JumpLabels core) {
        this.core = core;
    }

    public JumpLabels core() {
        return core;
    }

    /** {@code static_key_enable}: count to 1 unless already above 0. */
    public void enable(String name) {
        update(name, Transition.ENABLE);
    }

    /** {@code static_key_disable}: count 1 (or 0) to 0; refused above 1. */
    public void disable(String name) {
        update(name, Transition.DISABLE);
    }

    /** {@code static_key_slow_inc}. */
    public void increment(String name) {
        update(name, Transition.INCREMENT);
    }

    /** {@code static_key_slow_dec}; refused at 0. */
    public void decrement(String name) {
        update(name, Transition.DECREMENT);
    }

    /** The key's count (a first enable in progress reads as 1, as {@code static_key_count} does). */
    public int count(String name) {
        int count = record(name).count().get();
        return count < 0 ? 1 : count;
    }

    public boolean enabled(String name) {
        return count(name) > 0;
    }

    /**
     * Runs {@code flips} with patching queued: counts change at once, and the sites of every key they
     * touched are patched in one backend operation when the outermost batch ends. If the patch is
     * refused, every count the batch changed is put back. The batch holds the flip lock while it runs, so
     * other threads' operations wait for it.
     */
    public void batch(Runnable flips) {
        ReentrantLock lock = core.lock();
        lock.lock();
        try {
            if (batch != null) {
                flips.run();
                return;
            }
            Map<String, Integer> before = new LinkedHashMap<>();
            batch = before;
            try {
                flips.run();
            } finally {
                batch = null;
                try {
                    core.sync(before.keySet().toArray(new String[0]));
                } catch (RuntimeException | Error e) {
                    before.forEach((name, count) -> record(name).count().set(count));
                    throw e;
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * A deferred decrement ({@code static_key_slow_dec_deferred}): applied at once if the count stays
     * above 0, else after {@code delay} ticks of the simulated clock. Refused when no user is left (the
     * count minus pending decrements is 0).
     */
    public void decrementDeferred(String name, long delay) {
        if (delay <= 0) {
            throw new IllegalArgumentException("deferred decrement of static key \"" + name + "\": delay " + delay
                    + " ticks; expected at least 1");
        }
        locked(() -> {
            Deferred pending = deferred.get(name);
            int waiting = pending == null ? 0 : pending.pending;
            int users = count(name) - waiting;
            if (users <= 0) {
                throw new IllegalStateException("cannot decrement deferred static key \"" + name + "\": its count is "
                        + count(name) + " with " + waiting + " decrement(s) pending");
            }
            if (users > 1) {
                decrement(name);
                return;
            }
            if (pending == null) {
                pending = new Deferred();
                pending.due = now + delay;
                deferred.put(name, pending);
            }
            pending.pending++;
        });
    }

    /** A deferred increment: cancels one pending decrement if there is one, else {@link #increment}. */
    public void incrementDeferred(String name) {
        locked(() -> {
            Deferred pending = deferred.get(name);
            if (pending == null) {
                increment(name);
            } else if (--pending.pending == 0) {
                deferred.remove(name);
            }
        });
    }

    /** Pending deferred decrements of the key. */
    public int pending(String name) {
        int[] count = new int[1];
        locked(() -> {
            Deferred pending = deferred.get(name);
            count[0] = pending == null ? 0 : pending.pending;
        });
        return count[0];
    }

    /** Moves the simulated clock on by {@code ticks} and runs the deferred work that falls due, in due order. */
    public void advance(long ticks) {
        if (ticks < 0) {
            throw new IllegalArgumentException("advance by " + ticks + " ticks; expected 0 or more");
        }
        locked(() -> {
            now += ticks;
            Map<Long, List<String>> due = new TreeMap<>();
            deferred.forEach((name, pending) -> {
                if (pending.due <= now) {
                    due.computeIfAbsent(pending.due, t -> new ArrayList<>()).add(name);
                }
            });
            due.values().forEach(names -> names.forEach(this::flushDeferred));
        });
    }

    /** Applies the key's pending deferred decrements now ({@code static_key_deferred_flush}). */
    public void flushDeferred(String name) {
        locked(() -> {
            Deferred pending = deferred.remove(name);
            for (int i = 0; pending != null && i < pending.pending; i++) {
                decrement(name);
            }
        });
    }

    /** Drops a key from the core with its pending deferred decrements (its definition is gone). */
    public void forget(String name) {
        locked(() -> {
            deferred.remove(name);
            core.keys().forget(name);
        });
    }

    private void locked(Runnable action) {
        ReentrantLock lock = core.lock();
        lock.lock();
        try {
            action.run();
        } finally {
            lock.unlock();
        }
    }

    private void update(String name, Transition op) {
        KeyRecord key = record(name);
        ReentrantLock lock = core.lock();
        lock.lock();
        try {
            int current = key.count().get();
            int next = op.next(name, current);
            if (batch != null) {
                batch.putIfAbsent(name, current);
                key.count().set(next);
                return;
            }
            // The kernel's first-enable protocol: -1 reads as enabled while the sites are patched.
            key.count().set(current == 0 && next > 0 ? -1 : next);
            boolean patched = false;
            try {
                core.sync(name);
                patched = true;
            } finally {
                key.count().set(patched ? next : current);
            }
        } finally {
            lock.unlock();
        }
    }

    private KeyRecord record(String name) {
        return core.keys().require(name);
    }
}
