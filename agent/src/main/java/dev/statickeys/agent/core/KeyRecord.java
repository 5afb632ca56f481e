package dev.statickeys.agent.core;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * One named key as the agent knows it: the count cell that every copy of the API shares, and the
 * state that the key's sites show.
 */
public final class KeyRecord {
    private final String name;
    private final boolean initialValue;
    private final AtomicInteger count;
    private volatile boolean defined;
    /** The state the sites were last patched to; changes only under the flip lock. */
    private volatile boolean applied;

    KeyRecord(String name, boolean initialValue, boolean startState) {
        this.name = name;
        this.initialValue = initialValue;
        this.count = new AtomicInteger(startState ? 1 : 0);
        this.applied = startState;
    }

    public String name() {
        return name;
    }

    public boolean initialValue() {
        return initialValue;
    }

    /** The shared count; -1 while a first enable is patching. */
    public AtomicInteger count() {
        return count;
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
}
