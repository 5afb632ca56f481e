package dev.statickeys.internal.core;

import java.lang.ref.WeakReference;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.ObjLongConsumer;
import java.util.function.Supplier;

/**
 * The generic core, after {@code kernel/jump_label.c}: the key registry, the flip lock and the update
 * loop that publishes each key's new applied state and asks the backend to patch its sites. It knows
 * neither classes nor instructions: each architecture keeps its own site table behind {@link Backend}
 * (the JVM's is the agent's site table, the x86 simulation's is the image's {@code __jump_table}).
 *
 * <h2>Locks</h2>
 * The flip lock (the kernel's {@code jump_label_mutex}) serializes flips; {@link KeyControl} takes it,
 * and the backend runs under it. It is never taken on the JVM's class-loading path (a class file
 * transformer, a static initializer, a key definition): those read the applied states, which are
 * volatile, and use the backend's own short locks, never held while the backend calls out. So another
 * agent whose transformer loads classes while this core patches cannot deadlock with it.
 *
 * <h2>Nested flips</h2>
 * While the backend patches, code on the same thread may try to flip (another agent's transformer, a
 * listener). That flip is refused with an {@link IllegalStateException} before anything changes: a
 * flip inside a patch would patch sites the outer patch is still writing.
 *
 * <h2>Observers</h2>
 * Every patch operation that the backend carried out is reported to the observers ({@link #observe}),
 * whichever channel asked for it (the API, JMX, the attach command, a deferred decrement's timer), with
 * the keys it changed and how long the backend took: the one place where flips are seen, so every
 * architecture reports them alike.
 */
public final class JumpLabels {
    private final ReentrantLock lock = new ReentrantLock();
    private final KeyRegistry keys;
    private final Backend backend;
    /** The thread inside {@link Backend#update}, or null. */
    private volatile Thread patching;
    /** Counts operations that hold the flip lock to change counts or patch: odd while one runs. */
    private volatile long sequence;
    /** Told about every patch operation; held weakly (see {@link #observe}). */
    private final CopyOnWriteArrayList<WeakReference<ObjLongConsumer<Map<String, Boolean>>>> observers =
            new CopyOnWriteArrayList<>();

    public JumpLabels(Backend backend) {
        this(new KeyRegistry(), backend);
    }

    /**
     * A core over {@code keys}, made beforehand: a backend that reads the keys' applied states when it
     * patches a class at load (the JVM's) is built on the registry first, then handed to the core, so that
     * neither needs the other half-built.
     */
    public JumpLabels(KeyRegistry keys, Backend backend) {
        this.keys = keys;
        this.backend = backend;
    }

    /** The flip lock. Only the core's operations take it; see the class comment for the order. */
    public ReentrantLock lock() {
        return lock;
    }

    public KeyRegistry keys() {
        return keys;
    }

    /** The state sites of {@code name} should show now; the key becomes known if it was not. */
    public boolean appliedState(String name, boolean initialValue) {
        return keys.forSite(name, initialValue).applied();
    }

    /** Whether the current thread is inside a patch operation (the backend's update). */
    public boolean patchingOnThisThread() {
        return patching == Thread.currentThread();
    }

    /**
     * A number that grows by one when an operation that may change counts or patch sites takes the flip
     * lock and by one when it lets go: odd while one runs. Two equal even readings mean no count changed
     * and nothing was patched in between (a seqlock for readers that take no lock).
     */
    public long sequence() {
        return sequence;
    }

    /** Runs {@code action} holding the flip lock, counted by {@link #sequence()}. */
    <T> T locked(Supplier<T> action) {
        lock.lock();
        return holding(action);
    }

    /** As {@link #locked}, waiting for the lock interruptibly. */
    <T> T lockedInterruptibly(Supplier<T> action) throws InterruptedException {
        lock.lockInterruptibly();
        return holding(action);
    }

    /** Runs {@code action} with the lock just taken, then lets go of it. */
    private <T> T holding(Supplier<T> action) {
        try {
            sequence++;
            try {
                return action.get();
            } finally {
                sequence++;
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Refuses a flip of {@code name} made on the thread that is patching.
     *
     * @throws IllegalStateException naming the key, if this thread is inside a patch operation
     */
    void refuseNested(String name) {
        if (patchingOnThisThread()) {
            throw new IllegalStateException("cannot flip static key \"" + name + "\" now: this thread is patching"
                    + " the sites of another flip (a flip from a class file transformer, or from code that the patch"
                    + " runs); nothing was changed");
        }
    }

    /**
     * Brings the sites of the named keys in line with their counts: publishes each changed key's applied
     * state, then asks the backend to patch the sites of every changed key in one operation. Keys already
     * in line cost nothing. The caller holds {@link #lock()}.
     */
    public void sync(String... names) {
        if (!lock.isHeldByCurrentThread()) {
            throw new IllegalStateException("sync called without the flip lock");
        }
        Map<String, Boolean> changed = new LinkedHashMap<>();
        for (String name : names) {
            KeyRecord key = keys.get(name);
            if (key != null && key.applied() != key.desired()) {
                changed.put(name, key.desired());
            }
        }
        if (changed.isEmpty()) {
            return;
        }
        refuseNested(changed.keySet().iterator().next());
        changed.forEach((name, state) -> keys.get(name).applied(state));
        patching = Thread.currentThread();
        long start = System.nanoTime();
        try {
            backend.update(changed);
        } catch (RuntimeException | Error e) {
            // The backend refused before writing anything: the sites still show the old states.
            for (String name : changed.keySet()) {
                KeyRecord key = keys.get(name);
                key.applied(!key.applied());
            }
            throw e;
        } finally {
            patching = null;
        }
        report(Collections.unmodifiableMap(changed), System.nanoTime() - start);
    }

    /**
     * Adds an observer told, after every patch operation the backend carried out, the keys it changed
     * with their new states and the backend's time in nanoseconds. It is called on the flipping thread with
     * the flip lock held, so it must be quick and must not block, flip keys or load application classes
     * (hand the report to a thread of its own). An exception it throws is dropped: it never fails a flip.
     *
     * <p>The observer is held through a {@link WeakReference}: its owner keeps it reachable as long as it
     * wants reports, and a copy of the API in a class loader that is dropped (an undeployed webapp) is not
     * kept alive by the agent's core. A collected observer is removed at the next report.
     */
    public void observe(ObjLongConsumer<Map<String, Boolean>> observer) {
        if (observer == null) {
            throw new NullPointerException("observe: observer is null; expected an ObjLongConsumer");
        }
        observers.add(new WeakReference<>(observer));
    }

    /** Called with the flip lock held, after the backend returned. */
    private void report(Map<String, Boolean> changed, long nanos) {
        for (WeakReference<ObjLongConsumer<Map<String, Boolean>>> reference : observers) {
            ObjLongConsumer<Map<String, Boolean>> observer = reference.get();
            if (observer == null) {
                observers.remove(reference);
                continue;
            }
            try {
                observer.accept(changed, nanos);
            } catch (RuntimeException e) {
                // An observer's failure is its own: the flip has been carried out.
            }
        }
    }
}
