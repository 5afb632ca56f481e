package dev.statickeys.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.statickeys.StaticKey;
import org.junit.jupiter.api.Test;

/** Presets without the agent: the state a key starts in when it is defined later. */
class PresetsTest {
    @Test
    void aPresetDecidesTheStartingStateOfAKeyDefinedLater() {
        Presets.set("presets.later-on", true);
        Presets.set("presets.later-off", false);
        assertEquals(Boolean.TRUE, Presets.get("presets.later-on"));
        StaticKey on = StaticKey.defineFalse("presets.later-on");
        StaticKey off = StaticKey.defineTrue("presets.later-off");
        assertTrue(on.isEnabled());
        assertEquals(1, on.count());
        assertFalse(off.isEnabled());
        assertFalse(on.initialValue()); // the definition is unchanged
    }

    @Test
    void aPresetDoesNotChangeAKeyDefinedAlready() {
        StaticKey key = StaticKey.defineFalse("presets.defined");
        Presets.set("presets.defined", true);
        assertFalse(key.isEnabled());
    }

    @Test
    void aClearedPresetIsGone() {
        Presets.set("presets.cleared", true);
        Presets.set("presets.cleared", null);
        assertNull(Presets.get("presets.cleared"));
        assertFalse(StaticKey.defineFalse("presets.cleared").isEnabled());
    }

    @Test
    void anInvalidNameIsRefusedWithTheRule() {
        String message = assertThrows(IllegalArgumentException.class, () -> Presets.set("a b", true)).getMessage();
        assertTrue(message.startsWith("invalid static key name \"a b\""), message);
    }
}
