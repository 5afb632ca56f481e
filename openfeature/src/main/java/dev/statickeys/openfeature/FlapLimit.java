package dev.statickeys.openfeature;

import java.time.Duration;

/**
 * When a flag flaps: a key whose flag changed more than {@code changes} times within {@code window} has
 * its disables deferred by {@code window} with the {@link dev.statickeys.DeferredKey} rule (the
 * decrement to 0 waits; a re-enable inside the window cancels it, so nothing is patched). Enables are
 * never delayed. Each change that patches costs a redefinition and a deoptimization of the code that
 * inlined the key; a flag toggled in a loop would otherwise re-patch at every toggle and could stop the
 * JIT from compiling its callers ({@code PerMethodRecompilationCutoff}).
 *
 * @param changes the number of changes allowed within {@code window}, 1 to 1,000
 * @param window the sliding window, and the delay of a deferred disable; 1 ms to 1 day
 */
public record FlapLimit(int changes, Duration window) {
    /** The largest {@code changes} accepted: with a short window, a limit that never defers. */
    public static final int MAX_CHANGES_ALLOWED = 1_000;
    static final Duration MIN_WINDOW = Duration.ofMillis(1);
    static final Duration MAX_WINDOW = Duration.ofDays(1);

    // After MIN_WINDOW and MAX_WINDOW: the constructor reads them.
    /** The default: more than 3 changes of one flag within a minute defer its key's disables by a minute. */
    public static final FlapLimit DEFAULT = new FlapLimit(3, Duration.ofMinutes(1));

    /**
     * @throws NullPointerException if {@code window} is null
     * @throws IllegalArgumentException if an argument is out of range
     */
    public FlapLimit {
        if (window == null) {
            throw new NullPointerException("FlapLimit: window is null; expected a Duration between 1 ms and 1 day");
        }
        if (changes < 1 || changes > MAX_CHANGES_ALLOWED) {
            throw new IllegalArgumentException("FlapLimit: changes " + changes
                    + " is out of range; expected 1 to " + MAX_CHANGES_ALLOWED);
        }
        if (window.compareTo(MIN_WINDOW) < 0 || window.compareTo(MAX_WINDOW) > 0) {
            throw new IllegalArgumentException("FlapLimit: window " + window
                    + " is out of range; expected a Duration between 1 ms and 1 day");
        }
    }
}
