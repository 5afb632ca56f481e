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

    /** Definitions and sites racing for one unknown name all get one record, and the first-key action runs once. */
    @Test
    void racingDefinitionsAndSitesOfOneNameGetOneRecord() throws Exception {
        for (int round = 0; round < 50; round++) {
            KeyRegistry keys = new KeyRegistry();
            AtomicInteger runs = new AtomicInteger();
            keys.onFirstKey(runs::incrementAndGet);
            java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
            java.util.List<KeyRecord> got = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
            java.util.List<Thread> threads = new java.util.ArrayList<>();
            for (int i = 0; i < 8; i++) {
                boolean site = i % 2 == 0;
                Thread thread = new Thread(() -> {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        return;
                    }
                    got.add(site ? keys.forSite("raced", false) : keys.define("raced", false, true));
                });
                thread.start();
                threads.add(thread);
            }
            start.countDown();
            for (Thread thread : threads) {
                thread.join(20_000);
            }
            assertEquals(8, got.size(), "round " + round);
            for (KeyRecord record : got) {
                org.junit.jupiter.api.Assertions.assertSame(keys.get("raced"), record, "round " + round);
            }
            assertEquals(1, runs.get(), "round " + round);
        }
    }
}
