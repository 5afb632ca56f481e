package dev.statickeys;

import dev.statickeys.internal.core.DaemonThreads;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.ObjLongConsumer;

/**
 * The {@link FlipListener}s of one domain and the thread that calls them. The domain's state machine
 * reports each patch operation to {@link #observer()} with the flip lock held; the observer only queues
 * the report, and the one listener thread delivers it, so a listener never runs under the flip lock.
 *
 * <p>The observer and the thread's executor are made, and the observer registered with the state machine,
 * once, when the first listener is added (a JVM without listeners pays for neither); the state machine holds
 * the observer weakly and this object holds it strongly, so it lives exactly as long as this copy of the API.
 */
final class FlipReports {
    static final String THREAD = "statickeys-flip-listeners";
    /** Reports that may wait for the listener thread (FlipListener's documentation states the number). */
    static final int CAPACITY = 10_000;

    private final CopyOnWriteArrayList<FlipListener> listeners = new CopyOnWriteArrayList<>();
    /** Null until the first listener; set once, before that listener is in {@link #listeners}. */
    private volatile ThreadPoolExecutor thread;
    /** Held here, weakly by the state machine; null until the first listener. */
    private ObjLongConsumer<Map<String, Boolean>> observer;

    /**
     * Adds {@code listener}; on the first call, makes the listener thread's executor and registers the
     * observer through {@code register}.
     */
    synchronized void add(FlipListener listener, Consumer<ObjLongConsumer<Map<String, Boolean>>> register) {
        if (observer == null) {
            // Bounded, and a report that finds it full is dropped: the flip never waits for a listener.
            ThreadPoolExecutor executor = new ThreadPoolExecutor(1, 1, 1, TimeUnit.SECONDS,
                    new LinkedBlockingQueue<>(CAPACITY), DaemonThreads.factory(THREAD),
                    new ThreadPoolExecutor.DiscardPolicy());
            executor.allowCoreThreadTimeOut(true);
            thread = executor;
            observer = this::queue;
            register.accept(observer);
        }
        listeners.add(listener);
    }

    boolean remove(FlipListener listener) {
        return listeners.remove(listener);
    }

    /** Called with the flip lock held: queues the report and returns. */
    private void queue(Map<String, Boolean> states, long nanos) {
        ThreadPoolExecutor executor = thread;
        if (listeners.isEmpty() || executor == null) {
            return;
        }
        Map<String, Boolean> copy = Map.copyOf(states);
        executor.execute(() -> deliver(copy, Duration.ofNanos(nanos)));
    }

    private void deliver(Map<String, Boolean> states, Duration patchTime) {
        // Map.copyOf has no order; a batch's keys are reported by name.
        states.keySet().stream().sorted().forEach(key -> {
            for (FlipListener listener : listeners) {
                try {
                    listener.flipped(key, states.get(key), patchTime);
                } catch (Throwable e) {
                    if (e instanceof VirtualMachineError) {
                        throw (VirtualMachineError) e;
                    }
                    // A listener's failure is its own: the next listener and the next report go on.
                }
            }
        });
    }
}
