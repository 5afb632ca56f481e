package dev.statickeys;

import java.time.Duration;


/**
 * A rate-limited handle on a {@link StaticKey}: the kernel's {@code static_key_deferred} with
 * {@code jump_label_rate_limit}. A {@link #decrement()} that would take the count from 1 to 0 takes
 * effect only after {@link #delay()}; an {@link #increment()} inside that window cancels it, so a key
 * that flaps faster than the delay causes no patching at all.
 *
 * <pre>{@code
 * static final StaticKey PROFILING = StaticKey.defineFalse("profiling");
 * static final DeferredKey PROFILING_USERS = DeferredKey.of(PROFILING, Duration.ofSeconds(1));
 *
 * PROFILING_USERS.increment();   // session starts: enabled at once
 * PROFILING_USERS.decrement();   // session ends: disabled one second later, unless another starts
 * }</pre>
 *
 * Sites keep checking the key itself ({@code PROFILING.isEnabled()}). While a decrement is pending the
 * key stays enabled and {@link StaticKey#count()} still counts the leaving user; {@link #pending()} tells
 * how many decrements wait. Decrements that do not reach 0 apply at once, as in the kernel. The delayed
 * decrement runs on a daemon thread named {@code statickeys-deferred}. Flips made directly on the key
 * are not deferred; a deferred decrement that finds the count already at 0 is dropped. The timer
 * thread ends after a second without work and pins no class loader (its context loader is the system
 * class loader). With the agent, the handle lives in the agent's state machine like every other flip.
 *
 * <p>Thread-safe; operations are serialized with all flips by the JVM-wide flip lock.
 */
public final class DeferredKey {
    static final Duration MAX_DELAY = Duration.ofDays(1);

    private final StaticKey key;
    private final Duration delay;
    private final KeyDomain.DeferredOps ops;

    private DeferredKey(StaticKey key, Duration delay) {
        this.key = key;
        this.delay = delay;
        this.ops = key.domain.deferred(key.name(), delay.toNanos());
    }

    /**
     * A deferred handle on {@code key} whose disabling decrements wait {@code delay}.
     *
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code delay} is not between 1 ns and 1 day
     */
    public static DeferredKey of(StaticKey key, Duration delay) {
        return new DeferredKey(requireKey(key), checkDelay(delay));
    }

    static StaticKey requireKey(StaticKey key) {
        if (key == null) {
            throw new NullPointerException("DeferredKey.of: key is null; expected a StaticKey");
        }
        return key;
    }

    static Duration checkDelay(Duration delay) {
        if (delay == null) {
            throw new NullPointerException("DeferredKey.of: delay is null; expected a Duration between 1 ns and 1 day");
        }
        if (delay.isNegative() || delay.isZero() || delay.compareTo(MAX_DELAY) > 0) {
            throw new IllegalArgumentException("DeferredKey.of: delay " + delay
                    + " is out of range; expected a Duration between 1 ns and 1 day");
        }
        return delay;
    }

    /** The key this handle flips. */
    public StaticKey key() {
        return key;
    }

    /** How long a disabling decrement waits. */
    public Duration delay() {
        return delay;
    }

    /** The number of decrements waiting for the delay to pass. */
    public int pending() {
        return ops.pending();
    }

    /**
     * Adds a user. If a decrement is pending, this cancels it (the count and the sites stay as they
     * are); otherwise it is {@link StaticKey#increment()}.
     *
     * @throws IllegalStateException as {@link StaticKey#increment()}
     */
    public void increment() {
        ops.increment();
    }

    /**
     * Removes a user. If the count would stay above zero this is {@link StaticKey#decrement()} at once;
     * if it would reach zero, the decrement is applied after {@link #delay()}.
     *
     * @throws IllegalStateException if no user is left to remove (the count minus the pending
     *         decrements is 0); nothing is changed
     */
    public void decrement() {
        ops.decrement();
    }

    /** Applies every pending decrement now ({@code static_key_deferred_flush}). */
    public void flush() {
        ops.flush();
    }

    @Override
    public String toString() {
        return "DeferredKey[" + key.name() + ", delay=" + delay + ", pending=" + pending() + "]";
    }
}
