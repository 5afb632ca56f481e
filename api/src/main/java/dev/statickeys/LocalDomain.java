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
    private final ConcurrentHashMap<String, Cell> cells = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Boolean> presets = new ConcurrentHashMap<>();

    /** A count with the initial value it was created for, so a conflicting definition is caught here. */
    private static final class Cell {
        final boolean initialValue;
        final AtomicInteger count;

        Cell(boolean initialValue, boolean startState) {
            this.initialValue = initialValue;
            this.count = new AtomicInteger(startState ? 1 : 0);
        }
    }

    @Override
    ReentrantLock lock() {
        return lock;
    }

    @Override
    AtomicInteger cell(String name, boolean initialValue, boolean definition) {
        Cell cell = cells.computeIfAbsent(name, n -> new Cell(initialValue, presets.getOrDefault(n, initialValue)));
        if (cell.initialValue != initialValue) {
            throw conflict(name, cell.initialValue);
        }
        return cell.count;
    }

    @Override
    void preset(String name, Boolean state) {
        if (state == null) {
            presets.remove(name);
        } else {
            presets.put(name, state);
        }
    }

    @Override
    Boolean preset(String name) {
        return presets.get(name);
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
