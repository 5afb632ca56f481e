package dev.statickeys.junit5;

import static dev.statickeys.junit5.Fixtures.assertAllSucceeded;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.statickeys.StaticKey;
import dev.statickeys.StaticKeys;
import dev.statickeys.internal.Presets;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * A {@link KeySwitch} parameter flips keys inside a test with the annotations' semantics; its flips are
 * restored after the test together with the annotations'.
 */
class KeySwitchTest {
    static final String NAME = "KeySwitchTest.key";
    static final String OTHER = "KeySwitchTest.other";
    static final StaticKey KEY = StaticKey.defineFalse(NAME);
    static final StaticKey OTHER_KEY = StaticKey.defineTrue(OTHER);

    /** A site in a method of its own: each call starts a new frame, so it sees the latest patch. */
    static boolean key() {
        return KEY.isEnabled();
    }

    static boolean other() {
        return OTHER_KEY.isEnabled();
    }

    @AfterEach
    void keysAreBack() {
        assertEquals(0, KEY.count(), NAME);
        assertEquals(1, OTHER_KEY.count(), OTHER);
    }

    @WithStaticKeys
    static class Flips {
        @Test
        void flipsAreSeenWhenTheCallReturns(KeySwitch keys) {
            keys.enable(NAME);
            assertTrue(key());
            keys.disable(NAME);
            assertFalse(key());
            keys.disable(OTHER);
            assertFalse(other());
            keys.enable(NAME);
        }

        @Test
        @EnableKeys(NAME)
        void switchFlipsAnAnnotatedKeyAndBothAreUndone(KeySwitch keys) {
            assertTrue(key());
            keys.disable(NAME);
            assertFalse(key());
        }

        @Test
        void flipsFromAnotherThreadAreUndoneToo(KeySwitch keys) throws InterruptedException {
            Thread thread = new Thread(() -> keys.enable(NAME));
            thread.start();
            thread.join();
            assertTrue(key());
        }
    }

    @Test
    void flipsThroughTheSwitchAreRestoredAfterTheTest() {
        assertAllSucceeded(Fixtures.run(Flips.class), 3);
    }

    static class Counted {
        @Test
        @WithStaticKeys
        void disableTakesAnyCountToZeroAndEnableLeavesItThere(KeySwitch keys) {
            keys.disable(NAME);
            assertEquals(0, KEY.count());
            keys.enable(NAME);
            assertEquals(1, KEY.count());
        }
    }

    @Test
    void theCountBeforeTheFirstFlipIsWhatComesBack() {
        KEY.increment();
        KEY.increment();
        try {
            assertAllSucceeded(Fixtures.run(Counted.class), 1);
            assertEquals(2, KEY.count());
        } finally {
            KEY.decrement();
            KEY.decrement();
        }
    }

    static final String UNKNOWN = "KeySwitchTest.unknown";

    @WithStaticKeys
    static class UnknownKey {
        @Test
        void anUnknownKeyIsPresetAndStartsInThatState(KeySwitch keys) {
            keys.enable(UNKNOWN);
            assertEquals(Boolean.TRUE, Presets.get(UNKNOWN));
            assertTrue(SwitchLateKeys.unknown(), "defined with defineFalse, but preset enabled");
        }
    }

    @Test
    void anUnknownKeyGetsItsPresetBackAndTheCountItWouldHaveStartedWith() {
        assertTrue(StaticKeys.find(UNKNOWN).isEmpty());
        assertAllSucceeded(Fixtures.run(UnknownKey.class), 1);
        assertNull(Presets.get(UNKNOWN));
        assertEquals(0, StaticKeys.find(UNKNOWN).orElseThrow().count());
    }

    static final AtomicReference<KeySwitch> LEAKED = new AtomicReference<>();

    @WithStaticKeys
    static class Misuse {
        @Test
        void anInvalidNameIsRefusedNamingIt(KeySwitch keys) {
            IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class, () -> keys.enable("no key"));
            assertTrue(thrown.getMessage().startsWith("invalid static key name \"no key\""), thrown.getMessage());
            assertThrows(IllegalArgumentException.class, () -> keys.disable(null));
        }

        @Test
        void leaksItsSwitch(KeySwitch keys) {
            LEAKED.set(keys);
        }
    }

    @Test
    void invalidNamesAndFlipsAfterTheTestAreRefused() {
        assertAllSucceeded(Fixtures.run(Misuse.class), 2);
        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> LEAKED.get().enable(NAME));
        assertEquals("test " + Misuse.class.getName() + "#leaksItsSwitch has ended and its static keys were"
                + " restored; a KeySwitch flips keys only while its test runs", thrown.getMessage());
        assertEquals(0, KEY.count());
    }

    @WithStaticKeys
    static class Lifecycle {
        @BeforeEach
        void before(KeySwitch keys) {
            keys.enable(NAME);
        }

        @Test
        void testSeesWhatBeforeEachFlipped(KeySwitch keys) {
            assertTrue(key());
            keys.disable(OTHER);
        }

        @AfterEach
        void after(KeySwitch keys) {
            assertFalse(other());
            keys.disable(NAME);
        }
    }

    @Test
    void beforeEachAndAfterEachMethodsShareTheTestsSwitch() {
        assertAllSucceeded(Fixtures.run(Lifecycle.class), 1);
    }

    @WithStaticKeys
    static class BeforeAllParameter {
        @BeforeAll
        static void beforeAll(KeySwitch keys) {
        }

        @Test
        void neverRuns() {
        }
    }

    @WithStaticKeys
    static class ConstructorParameter {
        ConstructorParameter(KeySwitch keys) {
        }

        @Test
        void neverRuns() {
        }
    }

    @Test
    void aSwitchOutsideATestIsNotResolved() {
        Throwable beforeAll = Fixtures.failureOf(Fixtures.run(BeforeAllParameter.class), "BeforeAllParameter");
        assertInstanceOf(ParameterResolutionException.class, beforeAll);
        assertTrue(beforeAll.getMessage().contains("a KeySwitch can be a parameter of a test method or of its"
                + " @BeforeEach/@AfterEach methods only"), beforeAll.getMessage());
        Throwable constructor = Fixtures.failureOf(Fixtures.run(ConstructorParameter.class), "neverRuns");
        assertInstanceOf(ParameterResolutionException.class, constructor);
        assertTrue(constructor.getMessage().contains("@BeforeEach/@AfterEach methods only"), constructor.getMessage());
    }

    @ExtendWith(StaticKeysExtension.class)
    static class NoLockProvider {
        @Test
        void flips(KeySwitch keys) {
            keys.enable(NAME);
        }
    }

    @Test
    void withoutTheLockProviderTheSwitchIsRefusedUnderParallelExecution() {
        assertAllSucceeded(Fixtures.run(NoLockProvider.class), 1);

        Throwable thrown = Fixtures.failureOf(Fixtures.runInParallel(NoLockProvider.class), "flips");
        assertInstanceOf(ParameterResolutionException.class, thrown);
        assertEquals("test " + NoLockProvider.class.getName() + "#flips takes a KeySwitch while parallel execution is"
                + " enabled, but no @WithStaticKeys, @EnableKeys or @DisableKeys applies to it, so JUnit does not"
                + " know to run it apart from other tests that flip keys; annotate the test method or its class with"
                + " @WithStaticKeys", thrown.getMessage());
    }
}
