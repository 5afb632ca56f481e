package dev.statickeys;

import dev.statickeys.internal.core.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A {@link Clock} that never runs anything by itself: the test fires the tasks. */
final class ManualTimer implements Clock {
    /** One scheduled task; cancelling it marks it cancelled. */
    static final class Scheduled implements Clock.Scheduled {
        final Runnable task;
        final long delayNanos;
        volatile boolean cancelled;

        Scheduled(Runnable task, long delayNanos) {
            this.task = task;
            this.delayNanos = delayNanos;
        }

        @Override
        public void cancel() {
            cancelled = true;
        }

        boolean isCancelled() {
            return cancelled;
        }

        /** Runs the task as a timer would: only if it was not cancelled. */
        void fire() {
            if (!cancelled) {
                task.run();
            }
        }

        /** Runs the task even if cancelled: the timer thread had already started it when cancel came. */
        void runAnyway() {
            task.run();
        }
    }

    private final List<Scheduled> scheduled = new CopyOnWriteArrayList<>();

    @Override
    public Clock.Scheduled schedule(Runnable task, long delayNanos) {
        Scheduled entry = new Scheduled(task, delayNanos);
        scheduled.add(entry);
        return entry;
    }

    List<Scheduled> scheduled() {
        return List.copyOf(scheduled);
    }

    /** The only task scheduled so far; fails if there were none or several. */
    Scheduled only() {
        if (scheduled.size() != 1) {
            throw new AssertionError("expected exactly one scheduled task, got " + scheduled.size());
        }
        return scheduled.get(0);
    }
}
