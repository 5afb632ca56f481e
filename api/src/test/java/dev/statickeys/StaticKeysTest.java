package dev.statickeys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StaticKeysTest {
    private final RecordingDomain domain = new RecordingDomain();
    private final StaticKey off = domain.key("off", 0);
    private final StaticKey on = domain.key("on", 1);
    private final StaticKey counted = domain.key("counted", 2);

    @Test
    void findReturnsADefinedKey() {
        StaticKey key = StaticKey.defineFalse("StaticKeysTest.find");
        assertEquals(Optional.of(key), StaticKeys.find("StaticKeysTest.find"));
    }

    @Test
    void findOfAnUnknownValidNameIsEmpty() {
        assertEquals(Optional.empty(), StaticKeys.find("StaticKeysTest.neverDefined"));
    }

    @Test
    void findOfAnInvalidNameThrows() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StaticKeys.find("no/slash"));
        assertTrue(e.getMessage().contains("\"no/slash\""), e.getMessage());
    }

    @Test
    void allContainsDefinedKeysSortedByName() {
        StaticKey b = StaticKey.defineTrue("StaticKeysTest.all.b");
        StaticKey a = StaticKey.defineFalse("StaticKeysTest.all.a");
        List<StaticKey> all = StaticKeys.all();
        assertTrue(all.indexOf(a) >= 0 && all.indexOf(a) < all.indexOf(b), all.toString());
        for (int i = 1; i < all.size(); i++) {
            assertTrue(all.get(i - 1).name().compareTo(all.get(i).name()) < 0, all.toString());
        }
    }

    @Test
    void allIsAnUnmodifiableSnapshot() {
        List<StaticKey> all = StaticKeys.all();
        StaticKey later = StaticKey.defineFalse("StaticKeysTest.definedAfterSnapshot");
        assertFalse(all.contains(later));
        assertThrows(UnsupportedOperationException.class, () -> all.add(later));
        assertThrows(UnsupportedOperationException.class, () -> all.clear());
    }

    @Test
    void agentIsNotActiveInUnitTests() {
        assertFalse(StaticKeys.agentActive());
    }

    @Test
    void flipsInsideABatchAreSyncedOnceWhenTheBatchReturns() {
        StaticKeys.batch(() -> {
            off.enable();
            on.disable();
            counted.decrement();
            assertTrue(off.isEnabled(), "counts change at once inside the batch");
            assertFalse(on.isEnabled(), "counts change at once inside the batch");
            assertEquals(List.of(), domain.syncs(), "no sync while the batch runs");
        });
        assertEquals(Set.of("off", "on"), domain.onlySync().names(), "only keys whose state changed are patched");
        assertEquals(1, domain.edges(off));
        assertEquals(1, domain.edges(on));
        assertEquals(0, domain.edges(counted));
    }

    @Test
    void flipsThatCancelOutInsideABatchPatchNothing() {
        StaticKeys.batch(() -> {
            off.enable();
            off.disable();
        });
        assertEquals(List.of(), domain.syncs(), "the state did not change: nothing to patch");
        assertEquals(0, off.count());
        assertEquals(0, domain.edges(off));
    }

    @Test
    void aThrowingBatchStillAppliesEarlierFlipsAndPropagatesTheSameException() {
        IllegalStateException thrown = new IllegalStateException("flips failed");
        IllegalStateException caught = assertThrows(IllegalStateException.class, () -> StaticKeys.batch(() -> {
            off.enable();
            throw thrown;
        }));
        assertSame(thrown, caught);
        assertTrue(off.isEnabled());
        assertEquals(Set.of("off"), domain.onlySync().names());
        assertEquals(1, domain.edges(off));
    }

    @Test
    void aRefusedFlipInsideABatchPropagatesAndKeepsEarlierFlips() {
        assertThrows(IllegalStateException.class, () -> StaticKeys.batch(() -> {
            off.enable();
            counted.disable();
        }));
        assertEquals(2, counted.count());
        assertEquals(Set.of("off"), domain.onlySync().names());
    }

    @Test
    void aNestedBatchJoinsTheOuterOne() {
        StaticKeys.batch(() -> {
            off.enable();
            StaticKeys.batch(on::disable);
            assertEquals(List.of(), domain.syncs(), "the nested batch must not sync on its own");
            counted.increment();
        });
        assertEquals(Set.of("off", "on"), domain.onlySync().names());
    }

    @Test
    void batchOfNullThrowsNullPointerExceptionWithAMessage() {
        NullPointerException e = assertThrows(NullPointerException.class, () -> StaticKeys.batch(null));
        assertTrue(e.getMessage().contains("flips is null"), e.getMessage());
    }

    @Test
    void aFlipByAnotherThreadDuringABatchSyncsThatKeyAtOnceInThatThread() {
        Background[] other = new Background[1];
        StaticKeys.batch(() -> {
            off.enable();
            assertFalse(domain.lock().isLocked(), "the batch must not hold the flip lock while it runs");
            other[0] = Background.start("other-thread", off::increment);
            other[0].finish();
            RecordingDomain.Sync sync = domain.onlySync();
            assertSame(other[0].thread(), sync.thread());
            assertEquals(Set.of("off"), sync.names());
            assertEquals(1, domain.edges(off));
        });
        assertEquals(2, off.count());
        assertEquals(1, domain.syncs().size(), "the other thread's sync; the batch's end finds nothing left to patch");
        assertEquals(1, domain.edges(off));
    }

    @Test
    void backendIsNoneWithoutTheAgent() {
        assertEquals("none", StaticKeys.backend());
    }

    @Test
    void configureFlipsADefinedKey() {
        StaticKey key = StaticKey.defineFalse("StaticKeysTest.configure.defined");
        StaticKeys.configure("StaticKeysTest.configure.defined", true);
        assertTrue(key.isEnabled());
        StaticKeys.configure("StaticKeysTest.configure.defined", false);
        assertFalse(key.isEnabled());
    }

    @Test
    void configureSetsTheStateAKeyDefinedLaterStartsIn() {
        StaticKeys.configure("StaticKeysTest.configure.later", true);
        StaticKey key = StaticKey.defineFalse("StaticKeysTest.configure.later");
        assertTrue(key.isEnabled());
        assertEquals(1, key.count());
        assertFalse(key.initialValue());
    }

    @Test
    void configureRefusesAnInvalidNameStatingTheRule() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> StaticKeys.configure("bad name", true));
        assertTrue(e.getMessage().contains("\"bad name\"") && e.getMessage().contains("[A-Za-z0-9._-]"), e.getMessage());
    }

    @Test
    void configureDisabledOfAKeyHeldByTwoUsersIsRefusedAndChangesNothing() {
        StaticKey key = StaticKey.defineFalse("StaticKeysTest.configure.held");
        key.increment();
        key.increment();
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> StaticKeys.configure("StaticKeysTest.configure.held", false));
        assertTrue(e.getMessage().contains("its count is 2"), e.getMessage());
        assertEquals(2, key.count());
    }

    @Test
    void statisticsOfAKeyWithoutTheAgentCountFlipsOnly() {
        StaticKey key = StaticKey.defineFalse("StaticKeysTest.statistics");
        key.enable();
        key.disable();
        assertEquals(new KeyStatistics(0, 0, 2), key.statistics());
    }

    @Test
    void flipListenersAreToldAboutFlipsOfTheJvmsKeys() {
        StaticKey key = StaticKey.defineFalse("StaticKeysTest.listener");
        List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        FlipListener listener = (name, enabled, patchTime) -> {
            if (name.equals(key.name())) {
                seen.add(name + "=" + enabled);
            }
        };
        StaticKeys.addFlipListener(listener);
        try {
            key.enable();
            Await.until("the report of the flip", () -> seen.size() == 1);
            assertEquals(List.of("StaticKeysTest.listener=true"), seen);
        } finally {
            assertTrue(StaticKeys.removeFlipListener(listener));
        }
    }

    @Test
    void aNullFlipListenerIsRefused() {
        NullPointerException e = assertThrows(NullPointerException.class, () -> StaticKeys.addFlipListener(null));
        assertTrue(e.getMessage().contains("expected a FlipListener"), e.getMessage());
    }
}
