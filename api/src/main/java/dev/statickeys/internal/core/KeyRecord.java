package dev.statickeys.internal.core;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;

/**
 * One named key as the core knows it: the count, and the state that the key's sites show. The count is
 * written only by {@link KeyControl} under the flip lock; what leaves the core is {@link #reader()},
 * which can only read it.
 */
public final class KeyRecord {
    private final String name;
    private final boolean initialValue;
    private final AtomicInteger count;
    private final IntSupplier reader;
    private volatile boolean defined;
    /** The state the sites were last patched to; changes only under the flip lock. */
    private volatile boolean applied;

    KeyRecord(String name, boolean initialValue, boolean startState) {
        this.name = name;
        this.initialValue = initialValue;
        this.count = new AtomicInteger(startState ? 1 : 0);
        this.reader = new Reader(count);
        this.applied = startState;
    }

    public String name() {
        return name;
    }

    public boolean initialValue() {
        return initialValue;
    }

    /** The count; -1 while a first enable is patching. Written by {@link KeyControl} alone. */
    AtomicInteger count() {
        return count;
    }

    /**
     * Reads the count (-1 while a first enable is patching): what every copy of the API holds for this
     * key. A read capability only; it cannot change the count.
     */
    public IntSupplier reader() {
        return reader;
    }

    /** The state the count asks for. */
    public boolean desired() {
        return count.get() != 0;
    }

    /** The state the sites show (or will show once a patch in progress ends). */
    public boolean applied() {
        return applied;
    }

    void applied(boolean state) {
        applied = state;
    }

    /** Whether a {@code define*} call for this name has run (rather than the key being known from sites). */
    public boolean defined() {
        return defined;
    }

    void markDefined() {
        defined = true;
    }

    /** Reads the count and nothing else; a class, not a method reference, as the agent's start path makes keys. */
    private static final class Reader implements IntSupplier {
        private final AtomicInteger count;

        Reader(AtomicInteger count) {
            this.count = count;
        }

        @Override
        public int getAsInt() {
            return count.get();
        }
    }
}
