package dev.statickeys.agent.jvm;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Holders that were stale when they became live (a flip came between reading their key's state and
 * defining them), until they are re-patched. Every class whose sites call such a holder is initialized
 * after the holder was added here ({@link Holders} publishes a holder only then), and its initialization
 * calls {@link #repatch}: the first caller re-patches them, and a caller that arrives meanwhile waits
 * until that is done, so no class calling a stale holder finishes its initialization before the holder
 * is current.
 */
final class StaleHolders {
    private final Queue<Class<?>> queue = new ConcurrentLinkedQueue<>();
    /** Holders added and not yet re-patched: the monitor is taken only while this is not zero. */
    private final AtomicInteger pending = new AtomicInteger();

    void add(Class<?> holder) {
        pending.incrementAndGet();
        queue.add(holder);
    }

    /**
     * Hands the stale holders, each once, to {@code repatch}, holding this object's monitor until it
     * returns; waits for a thread doing so. One volatile read when nothing is stale.
     */
    void repatch(Consumer<List<Class<?>>> repatch) {
        if (pending.get() == 0) {
            return;
        }
        synchronized (this) {
            List<Class<?>> taken = new ArrayList<>();
            for (Class<?> holder; (holder = queue.poll()) != null; ) {
                taken.add(holder);
            }
            if (taken.isEmpty()) {
                return;
            }
            try {
                repatch.accept(taken);
            } finally {
                pending.addAndGet(-taken.size());
            }
        }
    }
}
