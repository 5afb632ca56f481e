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
 * <p>The observer is registered with the state machine once, when the first listener is added; the state
 * machine holds it weakly and this object holds it strongly, so it lives exactly as long as this copy of
 * the API.
 */
final class FlipReports {
    static final String THREAD = "statickeys-flip-listeners";
    /** Reports that may wait for the listener thread (FlipListener's documentation states the number). */
    static final int CAPACITY = 10_000;

    private final CopyOnWriteArrayList<FlipListener> listeners = new CopyOnWriteArrayList<>();
    private final ObjLongConsumer<Map<String, Boolean>> observer = this::queue;
    private final ThreadPoolExecutor thread;
    private boolean observing;

    FlipReports() {
        // Bounded, and a report that finds it full is dropped: the flip never waits for a listener.
        thread = new ThreadPoolExecutor(1, 1, 1, TimeUnit.SECONDS, new LinkedBlockingQueue<>(CAPACITY),
                DaemonThreads.factory(THREAD), new ThreadPoolExecutor.DiscardPolicy());
        thread.allowCoreThreadTimeOut(true);
    }

    /**
     * Adds {@code listener}; on the first call, registers the observer through {@code register}.
     */
    synchronized void add(FlipListener listener, Consumer<ObjLongConsumer<Map<String, Boolean>>> register) {
        if (!observing) {
            register.accept(observer);
            observing = true;
        }
        listeners.add(listener);
    }

    boolean remove(FlipListener listener) {
        return listeners.remove(listener);
    }

    /** Called with the flip lock held: queues the report and returns. */
    private void queue(Map<String, Boolean> states, long nanos) {
        if (listeners.isEmpty()) {
            return;
        }
        Map<String, Boolean> copy = Map.copyOf(states);
        thread.execute(() -> deliver(copy, Duration.ofNanos(nanos)));
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
