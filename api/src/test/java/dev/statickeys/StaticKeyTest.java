package dev.statickeys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class StaticKeyTest {
    /** Only the visibility test uses this key; read from a static final field, like a branch site. */
    private static final StaticKey VISIBLE = StaticKey.defineFalse("StaticKeyTest.visibility");

    private static boolean visible() {
        return VISIBLE.isEnabled();
    }

    @Test
    void defineFalseStartsDisabledAtCountZero() {
        assertFreshKey(StaticKey.defineFalse("StaticKeyTest.defineFalseStarts"), "StaticKeyTest.defineFalseStarts", false);
    }

    @Test
    void defineTrueStartsEnabledAtCountOne() {
        assertFreshKey(StaticKey.defineTrue("StaticKeyTest.defineTrueStarts"), "StaticKeyTest.defineTrueStarts", true);
    }

    /** Asserts a just-defined key's name and initial value, and that its state is that initial value. */
    private static void assertFreshKey(StaticKey key, String name, boolean initialValue) {
        assertEquals(name, key.name());
        assertEquals(initialValue, key.initialValue());
        assertEquals(initialValue, key.isEnabled());
        assertEquals(initialValue ? 1 : 0, key.count());
    }

    @Test
    void definingTheSameNameTwiceWithDefineFalseReturnsTheSameKey() {
        StaticKey first = StaticKey.defineFalse("StaticKeyTest.sameFalse");
        assertSame(first, StaticKey.defineFalse("StaticKeyTest.sameFalse"));
    }

    @Test
    void definingTheSameNameTwiceWithDefineTrueReturnsTheSameKey() {
        StaticKey first = StaticKey.defineTrue("StaticKeyTest.sameTrue");
        assertSame(first, StaticKey.defineTrue("StaticKeyTest.sameTrue"));
    }

    @Test
    void redefiningADefineFalseKeyWithDefineTrueThrowsAndLeavesItUnchanged() {
        assertConflictLeavesKeyUnchanged("StaticKeyTest.falseThenTrue", StaticKey::defineFalse, StaticKey::defineTrue);
    }

    @Test
    void redefiningADefineTrueKeyWithDefineFalseThrowsAndLeavesItUnchanged() {
        assertConflictLeavesKeyUnchanged("StaticKeyTest.trueThenFalse", StaticKey::defineTrue, StaticKey::defineFalse);
    }

    /** Defines {@code name} with {@code first}, moves its count to 2, then redefines it with {@code second}. */
    private static void assertConflictLeavesKeyUnchanged(String name, Function<String, StaticKey> first,
            Function<String, StaticKey> second) {
        StaticKey existing = first.apply(name);
        existing.increment();
        existing.increment();
        int count = existing.count();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> second.apply(name));
        assertTrue(e.getMessage().contains("\"" + name + "\""), e.getMessage());
        assertTrue(e.getMessage().contains("defineTrue"), e.getMessage());
        assertTrue(e.getMessage().contains("defineFalse"), e.getMessage());
        assertEquals(count, existing.count());
        assertSame(existing, first.apply(name));
        assertSame(existing, StaticKeys.find(name).orElseThrow());
    }

    @Test
    void invalidNamesAreRejectedByBothDefines() {
        assertThrows(IllegalArgumentException.class, () -> StaticKey.defineFalse("has space"));
        assertThrows(IllegalArgumentException.class, () -> StaticKey.defineTrue("has space"));
        assertThrows(IllegalArgumentException.class, () -> StaticKey.defineFalse(null));
        assertThrows(IllegalArgumentException.class, () -> StaticKey.defineTrue(""));
        assertThrows(IllegalArgumentException.class, () -> StaticKey.defineFalse("x".repeat(201)));
    }

    @Test
    void toStringNamesTheKeyItsCountAndItsInitialValue() {
        StaticKey key = StaticKey.defineTrue("StaticKeyTest.toString");
        assertEquals("StaticKey[StaticKeyTest.toString, count=1, initial=true]", key.toString());
    }

    @Test
    void enableInOneThreadIsSeenByAThreadSpinningOnIsEnabled() throws InterruptedException {
        AtomicBoolean spinning = new AtomicBoolean();
        AtomicBoolean seen = new AtomicBoolean();
        Background spinner = Background.start("spinner", () -> {
            long deadline = System.nanoTime() + Await.LIMIT.toNanos();
            spinning.set(true);
            // The loop body reads nothing but the key, so only the key's own visibility can end it.
            boolean enabled;
            while (!(enabled = visible()) && System.nanoTime() - deadline < 0) {
                Thread.onSpinWait();
            }
            seen.set(enabled);
        });
        Await.until("spinner started", spinning::get);
        VISIBLE.enable();
        spinner.finish();
        assertTrue(seen.get(), "spinning thread never saw the enable");
    }
}
