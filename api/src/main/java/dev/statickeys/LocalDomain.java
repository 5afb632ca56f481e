package dev.statickeys;

import java.util.Collection;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The domain without the agent: sites are ordinary calls of {@link StaticKey#isEnabled()}, which reads
 * the count, so there is nothing to patch.
 */
class LocalDomain extends KeyDomain {
    private final ReentrantLock lock = new ReentrantLock();
    private final ConcurrentHashMap<String, AtomicInteger> cells = new ConcurrentHashMap<>();

    @Override
    ReentrantLock lock() {
        return lock;
    }

    @Override
    AtomicInteger cell(String name, boolean initialValue, boolean definition) {
        return cells.computeIfAbsent(name, n -> new AtomicInteger(initialValue ? 1 : 0));
    }

    @Override
    void sync(Collection<StaticKey> keys) {
        // Sites read the count: nothing to patch.
    }

    @Override
    boolean patching() {
        return false;
    }
}
