package dev.statickeys.internal.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The registry's first-key action: once, whichever way the first key becomes known. */
class KeyRegistryTest {
    @Test
    void theFirstKeyActionRunsOnceWhenASiteMakesTheFirstKeyKnown() {
        KeyRegistry keys = new KeyRegistry();
        AtomicInteger runs = new AtomicInteger();
        keys.onFirstKey(runs::incrementAndGet);
        assertEquals(0, runs.get());
        keys.forSite("first", false);
        keys.define("second", false, true);
        keys.forSite("first", false);
        assertEquals(1, runs.get());
    }

    @Test
    void theFirstKeyActionRunsOnceWhenADefinitionOrAnAdoptionMakesTheFirstKeyKnown() {
        for (boolean definition : new boolean[] {true, false}) {
            KeyRegistry keys = new KeyRegistry();
            AtomicInteger runs = new AtomicInteger();
            keys.onFirstKey(runs::incrementAndGet);
            keys.define("first", true, definition);
            keys.define("first", true, true);
            assertEquals(1, runs.get(), "definition " + definition);
        }
    }

    @Test
    void anActionSetWhenAKeyIsKnownRunsAtOnceAndOnlyOnce() {
        KeyRegistry keys = new KeyRegistry();
        keys.forSite("known", false);
        AtomicInteger runs = new AtomicInteger();
        keys.onFirstKey(runs::incrementAndGet);
        assertEquals(1, runs.get());
        keys.forSite("other", false);
        assertEquals(1, runs.get());
    }

    @Test
    void aNameTheRuleRefusesMakesNoKeyKnownAndRunsNothing() {
        KeyRegistry keys = new KeyRegistry();
        AtomicInteger runs = new AtomicInteger();
        keys.onFirstKey(runs::incrementAndGet);
        try {
            keys.forSite("bad name", false);
        } catch (IllegalArgumentException expected) {
            // the rule's message; tested elsewhere
        }
        assertEquals(0, runs.get());
    }
}
