package dev.statickeys;

import dev.statickeys.internal.DaemonThreads;
import java.time.Duration;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A rate-limited handle on a {@link StaticKey}: the kernel's {@code static_key_deferred} with
 * {@code jump_label_rate_limit}. A {@link #decrement()} that would take the count from 1 to 0 takes
 * effect only after {@link #delay()}; an {@link #increment()} inside that window cancels it, so a key
 * that flaps faster than the delay causes no patching at all.
 *
 * <pre>{@code
 * static final StaticKey PROFILING = StaticKey.defineFalse("profiling");
 * static final DeferredKey PROFILING_USERS = DeferredKey.of(PROFILING, Duration.ofSeconds(1));
 *
 * PROFILING_USERS.increment();   // session starts: enabled at once
 * PROFILING_USERS.decrement();   // session ends: disabled one second later, unless another starts
 * }</pre>
 *
 * Sites keep checking the key itself ({@code PROFILING.isEnabled()}). While a decrement is pending the
 * key stays enabled and {@link StaticKey#count()} still counts the leaving user; {@link #pending()} tells
 * how many decrements wait. Decrements that do not reach 0 apply at once, as in the kernel. The delayed
 * decrement runs on a daemon thread named {@code statickeys-deferred}, which exists only while a
 * decrement is pending (it ends about a second after the last one is applied or cancelled); it runs with
 * the system class loader as its context class loader and inherits nothing from the thread that made it,
 * so it keeps no class loader of the application's alive. Flips made directly on the key
 * are not deferred; a deferred decrement that finds the count already at 0 is dropped.
 *
 * <p>Thread-safe; operations are serialized with all flips by the JVM-wide flip lock.
 */
public final class DeferredKey {
    static final Duration MAX_DELAY = Duration.ofDays(1);

    private final StaticKey key;
    private final Duration delay;
    private final DelayedWork timer;
    private int pending;
    private long generation;
    private Future<?> work;

    DeferredKey(StaticKey key, Duration delay, DelayedWork timer) {
        this.key = key;
        this.delay = delay;
        this.timer = timer;
    }

    /**
     * A deferred handle on {@code key} whose disabling decrements wait {@code delay}.
     *
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code delay} is not between 1 ns and 1 day
     */
    public static DeferredKey of(StaticKey key, Duration delay) {
        return new DeferredKey(requireKey(key), checkDelay(delay), DelayedWork.DAEMON);
    }

    static StaticKey requireKey(StaticKey key) {
        if (key == null) {
            throw new NullPointerException("DeferredKey.of: key is null; expected a StaticKey");
        }
        return key;
    }

    static Duration checkDelay(Duration delay) {
        if (delay == null) {
            throw new NullPointerException("DeferredKey.of: delay is null; expected a Duration between 1 ns and 1 day");
        }
        if (delay.isNegative() || delay.isZero() || delay.compareTo(MAX_DELAY) > 0) {
            throw new IllegalArgumentException("DeferredKey.of: delay " + delay
                    + " is out of range; expected a Duration between 1 ns and 1 day");
        }
        return delay;
    }

    /** The key this handle flips. */
    public StaticKey key() {
        return key;
    }

    /** How long a disabling decrement waits. */
    public Duration delay() {
        return delay;
    }

    /** The number of decrements waiting for the delay to pass. */
    public int pending() {
        ReentrantLock lock = key.domain.lock();
        lock.lock();
        try {
            return pending;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Adds a user. If a decrement is pending, this cancels it (the count and the sites stay as they
     * are); otherwise it is {@link StaticKey#increment()}.
     *
     * @throws IllegalStateException as {@link StaticKey#increment()}
     */
    public void increment() {
        ReentrantLock lock = key.domain.lock();
        lock.lock();
        try {
            if (pending > 0) {
                pending--;
                if (pending == 0) {
                    cancelWork();
                }
            } else {
                key.increment();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Removes a user. If the count would stay above zero this is {@link StaticKey#decrement()} at once;
     * if it would reach zero, the decrement is applied after {@link #delay()}.
     *
     * @throws IllegalStateException if no user is left to remove (the count minus the pending
     *         decrements is 0); nothing is changed
     */
    public void decrement() {
        ReentrantLock lock = key.domain.lock();
        lock.lock();
        try {
            int users = key.count() - pending;
            if (users <= 0) {
                throw new IllegalStateException("cannot decrement deferred static key \"" + key.name()
                        + "\": its count is " + key.count() + " with " + pending + " decrement(s) pending");
            }
            if (users > 1) {
                key.decrement();
            } else {
                pending++;
                if (work == null) {
                    long scheduled = ++generation;
                    work = timer.schedule(() -> expire(scheduled), delay);
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** Applies every pending decrement now ({@code static_key_deferred_flush}). */
    public void flush() {
        ReentrantLock lock = key.domain.lock();
        lock.lock();
        try {
            cancelWork();
            applyPending();
        } finally {
            lock.unlock();
        }
    }

    private void expire(long scheduled) {
        ReentrantLock lock = key.domain.lock();
        lock.lock();
        try {
            if (scheduled == generation && work != null) {
                work = null;
                applyPending();
            }
        } finally {
            lock.unlock();
        }
    }

    private void applyPending() {
        while (pending > 0) {
            pending--;
            if (key.count() > 0) {
                key.decrement();
            }
        }
    }

    private void cancelWork() {
        if (work != null) {
            work.cancel(false);
            work = null;
            generation++;
        }
    }

    @Override
    public String toString() {
        return "DeferredKey[" + key.name() + ", delay=" + delay + ", pending=" + pending() + "]";
    }

    /** Runs a task once after a delay; replaced in tests by a manual clock. */
    interface DelayedWork {
        DelayedWork DAEMON = new DelayedWork() {
            @Override
            public Future<?> schedule(Runnable task, Duration delay) {
                return Timer.EXECUTOR.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
            }
        };

        Future<?> schedule(Runnable task, Duration delay);
    }

    private static final class Timer {
        /** How long the thread stays after its last task, so that flapping keys do not restart it each time. */
        static final long IDLE_SECONDS = 1;
        static final ScheduledThreadPoolExecutor EXECUTOR = create();

        private static ScheduledThreadPoolExecutor create() {
            // No core thread: the one worker is started by the first scheduled task and ends IDLE_SECONDS
            // after the queue empties (cancelled tasks are removed at once), so nothing pending means no
            // thread, and a dropped webapp that used a DeferredKey leaves nothing running behind it.
            ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(0,
                    DaemonThreads.factory("statickeys-deferred"));
            executor.setKeepAliveTime(IDLE_SECONDS, TimeUnit.SECONDS);
            executor.setRemoveOnCancelPolicy(true);
            return executor;
        }
    }
}
