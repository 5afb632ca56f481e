package dev.statickeys.junit5;

import dev.statickeys.StaticKey;

/**
 * Keys that {@link RestoreTest} needs undefined until a fixture test calls in. A top-level class, not a
 * nested one: JUnit loads every nested class of a test class it discovers, and with the agent a loaded
 * class with sites makes its keys known.
 */
final class LateKeys {
    static final StaticKey FALSE = StaticKey.defineFalse(RestoreTest.LATE_FALSE);
    static final StaticKey TRUE = StaticKey.defineTrue(RestoreTest.LATE_TRUE);
    static final StaticKey PRESET = StaticKey.defineFalse(RestoreTest.LATE_PRESET);

    private LateKeys() {}

    static boolean lateFalse() {
        return FALSE.isEnabled();
    }

    static boolean lateTrue() {
        return TRUE.isEnabled();
    }

    static boolean latePreset() {
        return PRESET.isEnabled();
    }
}
