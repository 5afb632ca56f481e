package dev.statickeys.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.statickeys.StaticKey;
import dev.statickeys.StaticKeys;
import dev.statickeys.agent.boot.Bridge;
import dev.statickeys.fixtures.BatchSites;
import org.junit.jupiter.api.Test;

/**
 * A batch of flips is applied with one retransformation covering every affected class. The keys are
 * read through locals here: a site in a test method would be re-patched while that method runs, and a
 * running frame keeps the bytecode it started with.
 */
class BatchIT {
    private static final StaticKey FIRST = BatchSites.FIRST;

    @Test
    void flipsInsideABatchAreAppliedInOnePatchOperation() {
        StaticKey first = FIRST;
        StaticKey second = BatchSites.Second.SECOND;
        StaticKeys.batch(() -> {
            first.disable();
            second.disable();
        });
        assertFalse(BatchSites.first() || BatchSites.Second.second()); // both classes loaded and live
        long before = Bridge.statistics().get("patchOperations");
        StaticKeys.batch(() -> {
            first.enable();
            second.enable();
            assertFalse(BatchSites.first(), "sites are patched when the batch ends");
            assertTrue(first.isEnabled(), "counts change at once");
        });
        assertEquals(1, Bridge.statistics().get("patchOperations") - before);
        assertTrue(BatchSites.first() && BatchSites.Second.second());
    }

    @Test
    void flipsBeforeAThrowAreStillAppliedAndTheExceptionPropagates() {
        StaticKey first = FIRST;
        boolean before = BatchSites.first();
        IllegalStateException thrown = new IllegalStateException("boom");
        IllegalStateException caught = assertThrows(IllegalStateException.class, () -> StaticKeys.batch(() -> {
            if (first.isEnabled()) {
                first.disable();
            } else {
                first.enable();
            }
            throw thrown;
        }));
        assertEquals(thrown, caught);
        assertEquals(!before, first.isEnabled());
        assertEquals(!before, BatchSites.first(), "the flip made before the throw was patched");
    }
}
