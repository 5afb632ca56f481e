package dev.statickeys;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;

/** A {@link DeferredKey.DelayedWork} that never runs anything by itself: the test fires the tasks. */
final class ManualTimer implements DeferredKey.DelayedWork {
    /** One scheduled task; cancelling its future marks it cancelled. */
    static final class Scheduled {
        final Runnable task;
        final Duration delay;
        final CompletableFuture<Void> future = new CompletableFuture<>();

        Scheduled(Runnable task, Duration delay) {
            this.task = task;
            this.delay = delay;
        }

        /** Runs the task as a timer would: only if it was not cancelled. */
        void fire() {
            if (!future.isCancelled()) {
                task.run();
                future.complete(null);
            }
        }

        /** Runs the task even if cancelled: the timer thread had already started it when cancel came. */
        void runAnyway() {
            task.run();
        }
    }

    private final List<Scheduled> scheduled = new CopyOnWriteArrayList<>();

    @Override
    public Future<?> schedule(Runnable task, Duration delay) {
        Scheduled entry = new Scheduled(task, delay);
        scheduled.add(entry);
        return entry.future;
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
