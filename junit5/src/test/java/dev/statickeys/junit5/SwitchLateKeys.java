package dev.statickeys.junit5;

import dev.statickeys.StaticKey;

/** A key {@link KeySwitchTest} needs undefined until a fixture calls in (top-level: see {@link LateKeys}). */
final class SwitchLateKeys {
    static final StaticKey UNKNOWN = StaticKey.defineFalse(KeySwitchTest.UNKNOWN);

    private SwitchLateKeys() {}

    static boolean unknown() {
        return UNKNOWN.isEnabled();
    }
}
