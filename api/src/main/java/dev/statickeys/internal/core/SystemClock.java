package dev.statickeys.internal.core;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** {@link Clock#system()}: a scheduled executor whose one thread ends when it has nothing to do. */
final class SystemClock implements Clock {
    static final SystemClock INSTANCE = new SystemClock();

    private final ScheduledThreadPoolExecutor executor;

    private SystemClock() {
        executor = new ScheduledThreadPoolExecutor(1, DaemonThreads.factory("statickeys-deferred"));
        executor.setRemoveOnCancelPolicy(true);
        executor.setKeepAliveTime(1, TimeUnit.SECONDS);
        executor.allowCoreThreadTimeOut(true);
    }

    @Override
    public Scheduled schedule(Runnable task, long delayNanos) {
        ScheduledFuture<?> future = executor.schedule(task, delayNanos, TimeUnit.NANOSECONDS);
        return () -> future.cancel(false);
    }
}
