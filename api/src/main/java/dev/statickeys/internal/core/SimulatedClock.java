package dev.statickeys.internal.core;

import java.util.ArrayList;
import java.util.List;

/**
 * A clock whose time moves only by {@link #advance}: for the x86 simulation, whose deferred keys count
 * ticks, and for tests. Due work runs on the thread that advances the clock, in the order it falls due
 * (work due at the same tick in the order it was scheduled).
 */
public final class SimulatedClock implements Clock {
    private long now;
    private long sequence;
    private final List<Task> tasks = new ArrayList<>();

    private static final class Task implements Scheduled {
        final Runnable work;
        final long due;
        final long order;
        volatile boolean cancelled;

        Task(Runnable work, long due, long order) {
            this.work = work;
            this.due = due;
            this.order = order;
        }

        @Override
        public void cancel() {
            cancelled = true;
        }
    }

    @Override
    public synchronized Scheduled schedule(Runnable task, long delayNanos) {
        Task scheduled = new Task(task, now + delayNanos, sequence++);
        tasks.add(scheduled);
        return scheduled;
    }

    /** The time: the sum of every advance so far. */
    public synchronized long now() {
        return now;
    }

    /**
     * Moves the time on by {@code ticks} and runs the work that falls due, in due order.
     *
     * @throws IllegalArgumentException if {@code ticks} is negative
     */
    public void advance(long ticks) {
        if (ticks < 0) {
            throw new IllegalArgumentException("advance by " + ticks + " ticks; expected 0 or more");
        }
        long until;
        synchronized (this) {
            now += ticks;
            until = now;
        }
        for (Task task = next(until); task != null; task = next(until)) {
            if (!task.cancelled) {
                task.work.run();
            }
        }
    }

    private synchronized Task next(long until) {
        Task first = null;
        for (Task task : tasks) {
            if (task.due <= until && (first == null || task.due < first.due
                    || (task.due == first.due && task.order < first.order))) {
                first = task;
            }
        }
        if (first != null) {
            tasks.remove(first);
        }
        return first;
    }
}
