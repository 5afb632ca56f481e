package dev.statickeys;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The keys flipped inside {@link StaticKeys#batch(Runnable)} on one thread, grouped by domain: the
 * kernel's {@code arch_jump_label_transform_queue}, applied at the end of the outermost batch like
 * {@code arch_jump_label_transform_apply}.
 */
final class Batch {
    private static final ThreadLocal<Batch> CURRENT = new ThreadLocal<>();

    private final Map<KeyDomain, Set<StaticKey>> queued = new LinkedHashMap<>();

    private Batch() {}

    /** The batch open on this thread, or null. */
    static Batch current() {
        return CURRENT.get();
    }

    void add(StaticKey key) {
        queued.computeIfAbsent(key.domain, d -> new LinkedHashSet<>()).add(key);
    }

    static void run(Runnable flips) {
        if (flips == null) {
            throw new NullPointerException("StaticKeys.batch: flips is null; expected a Runnable");
        }
        if (CURRENT.get() != null) {
            flips.run(); // nested: joins the outer batch
            return;
        }
        Batch batch = new Batch();
        CURRENT.set(batch);
        Throwable failure = null;
        try {
            flips.run();
        } catch (Throwable e) {
            failure = e;
            throw e;
        } finally {
            CURRENT.remove();
            batch.applyAll(failure);
        }
    }

    private void applyAll(Throwable failure) {
        for (Map.Entry<KeyDomain, Set<StaticKey>> entry : queued.entrySet()) {
            try {
                entry.getKey().apply(entry.getValue());
            } catch (RuntimeException | Error e) {
                if (failure == null) {
                    throw e;
                }
                failure.addSuppressed(e);
            }
        }
    }
}
