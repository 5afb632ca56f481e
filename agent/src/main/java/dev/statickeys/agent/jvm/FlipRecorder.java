package dev.statickeys.agent.jvm;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The one listener of the JVM backend's patching ({@link RetransformPolicy.Listener}): it keeps the
 * record of the patch operation in progress ({@link Flip}), the counters the MXBean shows, each key's
 * activity ({@link KeyActivity}), and hands every finished operation and every failure outside one to
 * the {@link FlipListener}s (the log and JFR: {@code ops.Telemetry}).
 *
 * <p>Thread safety: operations are serialized by the core's flip lock; {@link #onBatch} and
 * {@link #onFailure} may also come from a class-loading thread (a class re-patching itself at
 * initialization), which must not be mistaken for part of the operation, hence the thread check.
 */
final class FlipRecorder implements RetransformPolicy.Listener {
    private final Holders holders;
    private final KeyActivity activity = new KeyActivity();
    private final List<FlipListener> listeners = new CopyOnWriteArrayList<>();
    /** The operation in progress and the thread carrying it out; set and cleared under the flip lock. */
    private volatile Flip current;
    private volatile Thread flipping;
    // Counted by flips and by classes re-patching themselves at initialization.
    private final AtomicLong patchOperations = new AtomicLong();
    private final AtomicLong siteClassesRetransformed = new AtomicLong();
    private final AtomicLong holdersRetransformed = new AtomicLong();

    /** @param holders tells holder classes from classes with sites, for the counters; null when there are none */
    FlipRecorder(Holders holders) {
        this.holders = holders;
    }

    /** Adds a listener told about every patch operation from now on. */
    void addListener(FlipListener listener) {
        listeners.add(listener);
    }

    KeyActivity activity() {
        return activity;
    }

    /** A patch operation of {@code states} starts on this thread. Called under the flip lock. */
    Flip starting(Map<String, Boolean> states) {
        Flip flip = new Flip(states);
        current = flip;
        flipping = Thread.currentThread();
        for (FlipListener listener : listeners) {
            listener.starting(flip);
        }
        return flip;
    }

    /** The operation {@code flip} ended, whatever became of it. Called under the flip lock. */
    void ended(Flip flip) {
        current = null;
        flipping = null;
        flip.end();
        activity.flipped(flip);
        for (FlipListener listener : listeners) {
            listener.flipped(flip);
        }
    }

    @Override
    public void onBatch(List<Class<?>> classes) {
        patchOperations.incrementAndGet();
        for (Class<?> type : classes) {
            (holders != null && holders.owns(type) ? holdersRetransformed : siteClassesRetransformed).incrementAndGet();
        }
        Flip flip = ownOperation();
        if (flip != null) {
            flip.retransformed(classes);
        }
    }

    /**
     * Records that a class could not be patched: as part of the operation in progress if this thread
     * carries one out, else on its own (at load, or at initialization).
     */
    @Override
    public void onFailure(String className, String reason) {
        Flip flip = ownOperation();
        if (flip != null) {
            flip.failed(className, reason);
        } else {
            for (FlipListener listener : listeners) {
                listener.patchFailed(className, reason);
            }
        }
    }

    /** Counts the sites of {@code key} in a class that just loaded. */
    void sitesLoaded(String key, int sites) {
        activity.sitesLoaded(key, sites);
    }

    private Flip ownOperation() {
        return flipping == Thread.currentThread() ? current : null;
    }

    /** The retransformation counters, in the MXBean's order; no lock is taken. */
    Map<String, Long> statistics() {
        Map<String, Long> counters = new LinkedHashMap<>();
        counters.put("patchOperations", patchOperations.get());
        counters.put("classesPatched", holdersRetransformed.get() + siteClassesRetransformed.get());
        counters.put("holdersRetransformed", holdersRetransformed.get());
        counters.put("siteClassesRetransformed", siteClassesRetransformed.get());
        return counters;
    }
}
