package dev.statickeys.internal.core;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The key state machine of {@code kernel/jump_label.c}, the one every channel uses: the API (with or
 * without the agent), JMX, the attach command, the JUnit extension's presets and the x86 simulation.
 * {@code static_key_enable/disable/slow_inc/slow_dec}, batches ({@code arch_jump_label_transform_queue}
 * then one {@code _apply}) and deferred keys ({@code static_key_deferred}) on a {@link Clock}.
 *
 * <h2>Rules</h2>
 * <ul>
 * <li><b>Edges.</b> Sites are patched only when a count crosses between 0 and 1. While the first enable
 *     patches, the count reads -1 (enabled, counted as 1) and every other flip waits on the flip lock.</li>
 * <li><b>Failures.</b> An operation the kernel would refuse throws {@link IllegalStateException} and
 *     changes nothing. If the backend refuses a patch (it may only before it wrote anything), the count
 *     is put back as well as the applied state, and the exception propagates: a refused operation leaves
 *     the count and the sites as they were.</li>
 * <li><b>Batches</b> belong to a thread: inside {@link #batch} the thread's operations change counts at
 *     once (under the flip lock, one operation at a time) and the sites of every key they touched are
 *     patched in one backend operation when the outermost batch ends, even if the batch's code throws.
 *     Other threads are not blocked meanwhile. If that patch is refused, every count the batch changed is
 *     put back unless another thread changed it since.</li>
 * <li><b>Nested flips.</b> An operation on a thread that is patching sites is refused with an
 *     {@link IllegalStateException} naming the key, before anything changes ({@link JumpLabels}).</li>
 * </ul>
 */
public final class KeyControl {
    private final JumpLabels core;
    private final Clock clock;
    /**
     * The open batch of each thread, by control (a thread's batch covers every control it flips keys of):
     * the keys it touched with their counts before it and after it.
     */
    private static final ThreadLocal<Map<KeyControl, Map<String, int[]>>> BATCHES = new ThreadLocal<>();
    /** One deferred handle per key for {@link #decrementDeferred} and friends (the x86 simulation's use). */
    private final Map<String, Deferred> deferredByName = new HashMap<>();

    /** A state machine over {@code core} whose deferred keys wait on {@code clock}. */
    public KeyControl(JumpLabels core, Clock clock) {
        this.core = core;
        this.clock = clock;
    }

    /** A state machine on a {@link SimulatedClock}. */
    public KeyControl(JumpLabels core) {
        this(core, new SimulatedClock());
    }

    public JumpLabels core() {
        return core;
    }

    Clock clock() {
        return clock;
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

    /**
     * Applies {@code op} to key {@code name}, waiting for the flip lock as long as it takes.
     *
     * @throws IllegalArgumentException if no key has that name, or it breaks the naming rule
     * @throws IllegalStateException if the kernel would refuse the operation, or this thread is patching
     */
    public void update(String name, Transition op) {
        KeyRecord key = core.keys().require(name);
        core.refuseNested(name);
        core.locked(() -> apply(key, op));
    }

    /**
     * As {@link #update}, for channels whose caller gives up (the attach command): a thread interrupted
     * while it waits for the flip lock throws {@link InterruptedException} and changes nothing.
     */
    public void updateInterruptibly(String name, Transition op) throws InterruptedException {
        KeyRecord key = core.keys().require(name);
        core.refuseNested(name);
        core.lockedInterruptibly(() -> apply(key, op));
    }

    /** Called with the flip lock held. */
    private Void apply(KeyRecord key, Transition op) {
        String name = key.name();
        int current = key.count().get();
        int next = op.next(name, current);
        Map<KeyControl, Map<String, int[]>> open = BATCHES.get();
        if (open != null) {
            Map<String, int[]> batch = open.computeIfAbsent(this, control -> new LinkedHashMap<>());
            batch.computeIfAbsent(name, n -> new int[] {current, next})[1] = next;
            key.count().set(next);
            return null;
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
        return null;
    }

    /** The key's count (a first enable in progress reads as 1, as {@code static_key_count} does). */
    public int count(String name) {
        int count = core.keys().require(name).count().get();
        return count < 0 ? 1 : count;
    }

    public boolean enabled(String name) {
        return count(name) > 0;
    }

    /**
     * Runs {@code flips} with this thread's patching queued (see the class comment). A batch opened
     * inside a batch joins it.
     *
     * @throws NullPointerException if {@code flips} is null
     */
    public void batch(Runnable flips) {
        if (flips == null) {
            throw new NullPointerException("batch: flips is null; expected a Runnable");
        }
        if (BATCHES.get() != null) {
            flips.run();
            return;
        }
        Map<KeyControl, Map<String, int[]>> open = new LinkedHashMap<>();
        BATCHES.set(open);
        Throwable failure = null;
        try {
            flips.run();
        } catch (RuntimeException | Error e) {
            failure = e;
            throw e;
        } finally {
            BATCHES.remove();
            RuntimeException refused = null;
            for (Map.Entry<KeyControl, Map<String, int[]>> batch : open.entrySet()) {
                try {
                    batch.getKey().applyBatch(batch.getValue());
                } catch (RuntimeException e) {
                    if (failure != null) {
                        failure.addSuppressed(e);
                    } else if (refused == null) {
                        refused = e;
                    } else {
                        refused.addSuppressed(e);
                    }
                }
            }
            if (refused != null) {
                throw refused;
            }
        }
    }

    private void applyBatch(Map<String, int[]> touched) {
        core.locked(() -> {
            try {
                core.sync(touched.keySet().toArray(new String[0]));
            } catch (RuntimeException | Error e) {
                touched.forEach((name, counts) -> core.keys().get(name).count().compareAndSet(counts[1], counts[0]));
                throw e;
            }
            return null;
        });
    }

    /**
     * A deferred handle on key {@code name} whose disabling decrements wait {@code delayNanos} on this
     * control's clock ({@code static_key_deferred} with {@code jump_label_rate_limit}).
     *
     * @throws IllegalArgumentException if no key has that name, or the delay is not positive
     */
    public Deferred deferred(String name, long delayNanos) {
        core.keys().require(name);
        if (delayNanos <= 0) {
            throw new IllegalArgumentException("deferred static key \"" + name + "\": delay " + delayNanos
                    + " ns; expected at least 1");
        }
        return new Deferred(this, name, delayNanos);
    }

    /**
     * A deferred decrement of key {@code name} ({@code static_key_slow_dec_deferred}) through the key's one
     * per-name handle, created with {@code delay} ticks on first use: applied at once if the count stays
     * above 0, else when the delay has passed.
     */
    public void decrementDeferred(String name, long delay) {
        if (delay <= 0) {
            throw new IllegalArgumentException("deferred decrement of static key \"" + name + "\": delay " + delay
                    + " ticks; expected at least 1");
        }
        byName(name, delay).decrement();
    }

    /** A deferred increment: cancels one pending decrement if there is one, else {@link #increment}. */
    public void incrementDeferred(String name) {
        Deferred handle = byName(name, 0);
        if (handle == null) {
            increment(name);
        } else {
            handle.increment();
        }
    }

    /** Pending deferred decrements of the key's per-name handle. */
    public int pending(String name) {
        Deferred handle = byName(name, 0);
        return handle == null ? 0 : handle.pending();
    }

    /** Applies the pending deferred decrements of the key's per-name handle now ({@code static_key_deferred_flush}). */
    public void flushDeferred(String name) {
        Deferred handle = byName(name, 0);
        if (handle != null) {
            handle.flush();
        }
    }

    /**
     * Moves a simulated clock on and runs the deferred work that falls due ({@link SimulatedClock#advance}).
     *
     * @throws IllegalStateException if this control runs on another clock
     */
    public void advance(long ticks) {
        if (!(clock instanceof SimulatedClock)) {
            throw new IllegalStateException("advance: this key control runs on " + clock + ", not a simulated clock");
        }
        ((SimulatedClock) clock).advance(ticks);
    }

    private Deferred byName(String name, long delay) {
        synchronized (deferredByName) {
            Deferred handle = deferredByName.get(name);
            if (handle == null && delay > 0) {
                handle = deferred(name, delay);
                deferredByName.put(name, handle);
            }
            return handle;
        }
    }

    /** Drops a key from the core with its pending deferred decrements (its definition is gone). */
    public void forget(String name) {
        core.locked(() -> {
            Deferred handle;
            synchronized (deferredByName) {
                handle = deferredByName.remove(name);
            }
            if (handle != null) {
                handle.drop();
            }
            core.keys().forget(name);
            return null;
        });
    }
}
