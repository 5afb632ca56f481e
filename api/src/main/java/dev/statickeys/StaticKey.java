package dev.statickeys;

import dev.statickeys.internal.core.Transition;
import java.util.function.IntSupplier;

/**
 * A flag that costs nothing to check while it stays put: the JVM counterpart of a Linux kernel static
 * key ({@code DEFINE_STATIC_KEY_FALSE} / {@code DEFINE_STATIC_KEY_TRUE}).
 *
 * <h2>Declaring and checking</h2>
 * <pre>{@code
 * static final StaticKey TRACING = StaticKey.defineFalse("tracing");
 *
 * void handle(Request r) {
 *     if (TRACING.isEnabled()) {
 *         trace(r);
 *     }
 *     ...
 * }
 * }</pre>
 * A <em>branch site</em> is a call of {@link #isEnabled()} on a key read from a {@code static final}
 * field, used as a condition ({@code if}, loop conditions, {@code !}, {@code &&}, {@code ||}, {@code ?:}).
 * Under the statickeys agent every branch site is rewritten in the bytecode: while the key is disabled
 * the site is an unconditional jump past the guarded code, while it is enabled a plain fall-through into
 * it; no load of the key, no call and no comparison is left. A value use ({@code return KEY.isEnabled()},
 * an assignment, an argument) becomes the constant {@code true} or {@code false}. Flipping the key
 * re-patches every site. Without the agent the very same code reads the key's state: the semantics are
 * identical, the check costs one volatile read.
 *
 * <h2>State: a reference count, as in the kernel</h2>
 * A key holds a count; it is enabled while the count is above zero. {@link #defineFalse} starts at 0,
 * {@link #defineTrue} at 1. {@link #enable()} and {@link #disable()} treat the key as a switch;
 * {@link #increment()} and {@link #decrement()} count users. Sites are patched only when the count
 * crosses between 0 and 1; every other change only updates the number.
 *
 * <h2>Visibility and ordering</h2>
 * When a flip method returns, every site evaluation and every {@link #isEnabled()} call that starts
 * afterwards, in any thread, sees the new state (with the agent: the affected classes have been
 * redefined; without it: the count was written with volatile semantics). Flips of all keys are
 * serialized by one JVM-wide lock, like the kernel's {@code jump_label_mutex}. While the first enable of
 * a key is patching, the key already reads as enabled and other threads' flips of any key wait for it.
 * Inside {@link StaticKeys#batch(Runnable)} counts change at once but sites are patched when the batch
 * ends. Frames that were already running a method when its class was re-patched keep executing the code
 * they started with until they return (a JVM rule for redefined classes).
 *
 * <h2>Failures and nested flips</h2>
 * A refused operation (see each method) changes nothing. If the agent cannot patch at all (it refuses
 * before writing anything), the count and the sites are left as they were and the exception propagates.
 * A flip attempted on a thread that is itself patching sites for a flip (from another agent's class file
 * transformer, say) is refused with an {@link IllegalStateException} naming the key; nothing changes.
 * Do not flip keys inside a static initializer of a class that another agent may load while it
 * transforms classes: that flip waits for the flip lock while holding the class's initialization lock.
 *
 * <h2>Cost</h2>
 * {@link #isEnabled()} is meant for the hot path. The flip methods are not: each takes a lock, and a
 * flip that crosses 0/1 redefines every loaded class that holds a site of the key (one
 * {@code retransformClasses} call; milliseconds). Group related flips with {@link StaticKeys#batch}.
 *
 * <h2>Names and identity</h2>
 * A name is 1 to 200 characters from {@code [A-Za-z0-9._-]}. A name identifies one key in the JVM:
 * defining a name that is already defined with the same initial value returns the existing key (the
 * same class initialized again in another class loader shares the key, its count and its sites);
 * defining it with the other initial value is an error. With the agent this holds across copies of
 * this API loaded by different class loaders too: they share the count.
 *
 * <p>Instances are thread-safe.
 */
public final class StaticKey {
    private final String name;
    private final boolean initialValue;
    /** Reads the count; -1 while the first enable is patching (reads as enabled, counts as 1). */
    final IntSupplier count;
    final KeyDomain domain;

    StaticKey(String name, boolean initialValue, IntSupplier count, KeyDomain domain) {
        this.name = name;
        this.initialValue = initialValue;
        this.count = count;
        this.domain = domain;
    }

    /**
     * Defines a key that starts disabled (count 0), like {@code DEFINE_STATIC_KEY_FALSE}.
     *
     * @param name 1 to 200 characters from {@code [A-Za-z0-9._-]}
     * @return the key; the existing one if {@code name} is already defined with initial value false
     * @throws IllegalArgumentException if the name is invalid, or already defined with initial value true
     */
    public static StaticKey defineFalse(String name) {
        return KeyDomain.jvm().define(name, false);
    }

    /**
     * Defines a key that starts enabled (count 1), like {@code DEFINE_STATIC_KEY_TRUE}.
     *
     * @param name 1 to 200 characters from {@code [A-Za-z0-9._-]}
     * @return the key; the existing one if {@code name} is already defined with initial value true
     * @throws IllegalArgumentException if the name is invalid, or already defined with initial value false
     */
    public static StaticKey defineTrue(String name) {
        return KeyDomain.jvm().define(name, true);
    }

    /** The key's name. */
    public String name() {
        return name;
    }

    /** The value the key was defined with: {@code true} for {@link #defineTrue}, {@code false} for {@link #defineFalse}. */
    public boolean initialValue() {
        return initialValue;
    }

    /**
     * Whether the key is enabled (its count is above zero). At a branch site under the agent this call
     * does not exist at run time: the site is a constant jump or fall-through.
     */
    public boolean isEnabled() {
        return count.getAsInt() != 0;
    }

    /** The reference count: 0 when disabled, at least 1 when enabled. */
    public int count() {
        int value = count.getAsInt();
        return value < 0 ? 1 : value;
    }

    /**
     * Enables the key: count 0 becomes 1 and every site is patched. Does nothing if already enabled,
     * whatever the count ({@code static_branch_enable}).
     */
    public void enable() {
        domain.update(name, Transition.ENABLE);
    }

    /**
     * Disables the key: count 1 becomes 0 and every site is patched. Does nothing if already disabled.
     *
     * @throws IllegalStateException if the count is 2 or more (several users hold the key; they must
     *         {@link #decrement()}); nothing is changed
     */
    public void disable() {
        domain.update(name, Transition.DISABLE);
    }

    /**
     * Adds a user: count n becomes n + 1; sites are patched only when the count goes from 0 to 1
     * ({@code static_branch_inc}).
     *
     * @throws IllegalStateException if the count is {@link Integer#MAX_VALUE}; nothing is changed
     */
    public void increment() {
        domain.update(name, Transition.INCREMENT);
    }

    /**
     * Removes a user: count n becomes n - 1; sites are patched only when the count goes from 1 to 0
     * ({@code static_branch_dec}).
     *
     * @throws IllegalStateException if the count is already 0; nothing is changed
     */
    public void decrement() {
        domain.update(name, Transition.DECREMENT);
    }

    /**
     * This key's sites and flips so far: the agent's record of them (the numbers its MXBean shows), or,
     * without the agent, this JVM's flips and no sites. A snapshot; cheap, but not for a hot path.
     *
     * @throws UnsupportedOperationException if the agent in this JVM is of an older version that does not
     *     report statistics to the API
     */
    public KeyStatistics statistics() {
        long[] values = domain.statistics(name);
        return new KeyStatistics(values[0], values[1], values[2]);
    }

    @Override
    public String toString() {
        return "StaticKey[" + name + ", count=" + count() + ", initial=" + initialValue + "]";
    }
}
