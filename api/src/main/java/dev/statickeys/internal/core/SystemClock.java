package dev.statickeys.internal.core;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * {@link Clock#system()}: a scheduled executor whose one thread ends when it has nothing to do. The executor
 * is made at the first schedule, not with the clock: the agent makes its clock in premain, and most JVMs
 * never defer a key (the executor's classes are about 20 of the agent's start-up, issue 19).
 */
final class SystemClock implements Clock {
    static final SystemClock INSTANCE = new SystemClock();

    private SystemClock() {}

    /** The executor, made when first used (the holder idiom: class initialization is the lock). */
    private static final class Executor {
        static final ScheduledThreadPoolExecutor INSTANCE = make();

        private static ScheduledThreadPoolExecutor make() {
            ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1,
                    DaemonThreads.factory("statickeys-deferred"));
            executor.setRemoveOnCancelPolicy(true);
            executor.setKeepAliveTime(1, TimeUnit.SECONDS);
            executor.allowCoreThreadTimeOut(true);
            return executor;
        }
    }

    @Override
    public Scheduled schedule(Runnable task, long delayNanos) {
        ScheduledFuture<?> future = Executor.INSTANCE.schedule(task, delayNanos, TimeUnit.NANOSECONDS);
        return () -> future.cancel(false);
    }
}
