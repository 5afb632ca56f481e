package dev.statickeys.agent.jvm;

import dev.statickeys.agent.Reports;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Holders that were stale when they became live (a flip came between reading their key's state and
 * defining them), until they are re-patched. Every class whose sites call such a holder is initialized
 * after the holder was added here ({@link Holders} publishes a holder only then), and its initialization
 * calls {@link #repatch}: the first caller re-patches them, and a caller that arrives meanwhile waits
 * until that is done, so no class calling a stale holder finishes its initialization before the holder
 * is current.
 *
 * <p>The wait is bounded ({@link #WAIT_SECONDS}). The re-patch is a retransformation, which runs every
 * agent's transformer; if one of them waited for a class that a waiting thread is initializing, an
 * unbounded wait would hang both. Past the bound the waiting class goes on (its sites may read the old
 * state until the re-patch ends) and a warning says so.
 */
final class StaleHolders {
    /** How long a class initializer waits for another thread's re-patch. */
    static final long WAIT_SECONDS = 10;

    private final Queue<Class<?>> queue = new ConcurrentLinkedQueue<>();
    /** Holders added and not yet re-patched: the lock is taken only while this is not zero. */
    private final AtomicInteger pending = new AtomicInteger();
    private final ReentrantLock lock = new ReentrantLock();
    private final long waitNanos;

    StaleHolders() {
        this(TimeUnit.SECONDS.toNanos(WAIT_SECONDS));
    }

    /** @param waitNanos how long {@link #repatch} waits for a re-patch on another thread */
    StaleHolders(long waitNanos) {
        this.waitNanos = waitNanos;
    }

    void add(Class<?> holder) {
        pending.incrementAndGet();
        queue.add(holder);
    }

    /**
     * Hands the stale holders, each once, to {@code repatch}, holding the lock until it returns; waits, at
     * most {@code waitNanos}, for a thread doing so. One volatile read when nothing is stale. Returns
     * whether no stale holder is left to another thread's unfinished re-patch.
     */
    boolean repatch(Consumer<List<Class<?>>> repatch) {
        if (pending.get() == 0) {
            return true;
        }
        try {
            if (!lock.tryLock(waitNanos, TimeUnit.NANOSECONDS)) {
                Reports.once("stale-holders-wait", Level.WARNING, "a holder class being re-patched on another thread"
                        + " (it was defined while its key flipped) was not done within " + waitNanos / 1_000_000
                        + " ms; a class calling it finished its initialization without waiting, and may read the"
                        + " key's previous state until the re-patch ends");
                return false;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the initializing thread's interrupt is its own: keep it
            return false;
        }
        try {
            List<Class<?>> taken = new ArrayList<>();
            for (Class<?> holder; (holder = queue.poll()) != null; ) {
                taken.add(holder);
            }
            if (!taken.isEmpty()) {
                try {
                    repatch.accept(taken);
                } finally {
                    pending.addAndGet(-taken.size());
                }
            }
            return true;
        } finally {
            lock.unlock();
        }
    }
}
