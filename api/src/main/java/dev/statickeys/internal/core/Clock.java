package dev.statickeys.internal.core;

/**
 * Runs work later: the timer behind deferred keys (the kernel's delayed work for
 * {@code static_key_deferred}). The JVM uses {@link #system()}; the x86 simulation and tests use a
 * {@link SimulatedClock}, whose time moves only when told.
 */
public interface Clock {
    /** A task scheduled to run once. */
    interface Scheduled {
        /** Stops the task from running if it has not started; does nothing otherwise. */
        void cancel();
    }

    /**
     * Runs {@code task} once, {@code delayNanos} from now, on a thread of the clock's own (never the
     * caller's). The task must not throw.
     */
    Scheduled schedule(Runnable task, long delayNanos);

    /**
     * The JVM's clock: one daemon thread named {@code statickeys-deferred}, started when work is first
     * scheduled and ended after a second without work, so an idle JVM holds no thread of ours. The
     * thread pins no class loader (see {@link DaemonThreads}).
     */
    static Clock system() {
        return SystemClock.INSTANCE;
    }
}
