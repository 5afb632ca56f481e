package dev.statickeys.junit5;

import static dev.statickeys.junit5.Fixtures.assertAllSucceeded;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.statickeys.StaticKey;
import dev.statickeys.StaticKeys;
import dev.statickeys.internal.Presets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * After each test every key it touched is back exactly as it was: counts of defined keys, presets of
 * keys not defined, and keys whose class initialized during the test are at the count they would have
 * started with. Also when the test or its setup fails.
 */
class RestoreTest {
    static final String KEY = "RestoreTest.key";
    static final String ON = "RestoreTest.on";
    static final StaticKey DEFINED = StaticKey.defineFalse(KEY);
    static final StaticKey DEFINED_ON = StaticKey.defineTrue(ON);

    static boolean key() {
        return DEFINED.isEnabled();
    }

    static boolean on() {
        return DEFINED_ON.isEnabled();
    }

    @AfterEach
    void definedKeysAreBack() {
        assertEquals(0, DEFINED.count(), KEY);
        assertEquals(1, DEFINED_ON.count(), ON);
    }

    static class FailsAfterFlipping {
        @Test
        @EnableKeys(KEY)
        @DisableKeys(ON)
        void failsAfterTheFlips() {
            assertTrue(key());
            assertFalse(on());
            fail("fails on purpose");
        }
    }

    @Test
    void keysAreRestoredWhenTheTestFails() {
        EngineExecutionResults results = Fixtures.run(FailsAfterFlipping.class);
        assertEquals("fails on purpose", Fixtures.failureOf(results, "failsAfterTheFlips").getMessage());
    }

    static class FailingBeforeEach {
        @BeforeEach
        void before() {
            throw new IllegalStateException("setup fails on purpose");
        }

        @Test
        @EnableKeys(KEY)
        @DisableKeys(ON)
        void neverRuns() {
        }
    }

    @Test
    void keysAreRestoredWhenABeforeEachMethodFails() {
        EngineExecutionResults results = Fixtures.run(FailingBeforeEach.class);
        assertEquals("setup fails on purpose", Fixtures.failureOf(results, "neverRuns").getMessage());
    }

    static class TestChangesTheCount {
        @Test
        @EnableKeys(KEY)
        void incrementsTheEnabledKeyTwice() {
            DEFINED.increment();
            DEFINED.increment();
            assertEquals(3, DEFINED.count());
        }

        @Test
        @DisableKeys(ON)
        void enablesTheDisabledKeyAgain() {
            DEFINED_ON.enable();
            DEFINED_ON.increment();
        }
    }

    @Test
    void theSavedCountIsRestoredWhateverTheTestDidToTheKey() {
        assertAllSucceeded(Fixtures.run(TestChangesTheCount.class), 2);
    }

    static class DisablesACountOfThree {
        @Test
        @DisableKeys(KEY)
        void seesItDisabled() {
            assertEquals(0, DEFINED.count());
            assertFalse(key());
        }
    }

    @Test
    void aHighCountTakenToZeroComesBack() {
        for (int i = 0; i < 3; i++) {
            DEFINED.increment();
        }
        try {
            assertAllSucceeded(Fixtures.run(DisablesACountOfThree.class), 1);
            assertEquals(3, DEFINED.count());
        } finally {
            while (DEFINED.count() > 0) {
                DEFINED.decrement();
            }
        }
    }

    static final String NEVER_DEFINED = "RestoreTest.neverDefined";
    static final String PRESET_BEFORE = "RestoreTest.presetBefore";

    static class PresetsOnly {
        @Test
        @EnableKeys(NEVER_DEFINED)
        @DisableKeys(PRESET_BEFORE)
        void undefinedKeysArePreset() {
            assertEquals(Boolean.TRUE, Presets.get(NEVER_DEFINED));
            assertEquals(Boolean.FALSE, Presets.get(PRESET_BEFORE));
        }
    }

    @Test
    void presetsOfKeysNeverDefinedAreRestored() {
        Presets.set(PRESET_BEFORE, true);
        try {
            assertAllSucceeded(Fixtures.run(PresetsOnly.class), 1);
            assertNull(Presets.get(NEVER_DEFINED), "no preset before, none after");
            assertEquals(Boolean.TRUE, Presets.get(PRESET_BEFORE));
            assertTrue(StaticKeys.find(NEVER_DEFINED).isEmpty());
            assertTrue(StaticKeys.find(PRESET_BEFORE).isEmpty());
        } finally {
            Presets.set(PRESET_BEFORE, null);
        }
    }

    static final String LATE_FALSE = "RestoreTest.lateFalse";
    static final String LATE_TRUE = "RestoreTest.lateTrue";
    static final String LATE_PRESET = "RestoreTest.latePreset";

    static class DefinedWhileRunning {
        @Test
        @EnableKeys(LATE_FALSE)
        @DisableKeys({LATE_TRUE, LATE_PRESET})
        void keysStartInTheRequestedStates() {
            assertTrue(LateKeys.lateFalse());
            assertFalse(LateKeys.lateTrue());
            assertFalse(LateKeys.latePreset());
        }
    }

    @Test
    void keysDefinedDuringTheTestGetTheCountTheyWouldHaveStartedWith() {
        // Nothing has loaded LateKeys yet (with the agent, loading it would make its keys known); LATE_PRESET was preset enabled before the test, as configuration would.
        assertTrue(StaticKeys.find(LATE_FALSE).isEmpty());
        Presets.set(LATE_PRESET, true);
        try {
            assertAllSucceeded(Fixtures.run(DefinedWhileRunning.class), 1);
            assertEquals(0, StaticKeys.find(LATE_FALSE).orElseThrow().count(), "defineFalse starts at 0");
            assertEquals(1, StaticKeys.find(LATE_TRUE).orElseThrow().count(), "defineTrue starts at 1");
            assertEquals(1, StaticKeys.find(LATE_PRESET).orElseThrow().count(), "it would have started from the preset");
            assertNull(Presets.get(LATE_FALSE));
            assertNull(Presets.get(LATE_TRUE));
            assertEquals(Boolean.TRUE, Presets.get(LATE_PRESET));
        } finally {
            Presets.set(LATE_PRESET, null);
        }
    }
}
