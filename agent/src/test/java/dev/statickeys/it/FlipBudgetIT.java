package dev.statickeys.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.statickeys.StaticKey;
import dev.statickeys.agent.boot.Bridge;
import dev.statickeys.fixtures.FlappingSites;
import dev.statickeys.testing.Bytecode;
import dev.statickeys.testing.LogCapture;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * A holder is re-patched for at most {@code flipBudget} (default 50) flips of its key; the next flip
 * switches it to reading its key's call site, and later flips retransform nothing.
 */
class FlipBudgetIT {
    private static final int BUDGET = 50;

    @Test
    void aKeyFlippedBeyondTheBudgetStopsBeingRepatchedAndStillFollowsEveryFlip() throws Exception {
        Assumptions.assumeTrue(System.getProperty("it.statickeys.backend", "holder").equals("holder"),
                "the flip budget applies to holders");
        try (LogCapture log = new LogCapture()) {
            StaticKey key = FlappingSites.KEY;
            assertEquals(false, FlappingSites.site());
            Map<String, Long> start = Bridge.statistics();
            for (int flip = 1; flip <= BUDGET + 1; flip++) {
                flip(key, flip);
            }
            Map<String, Long> atSwitch = Bridge.statistics();
            assertEquals(BUDGET + 1, atSwitch.get("holdersRetransformed") - start.get("holdersRetransformed"),
                    "re-patched for each flip in the budget, and once more to read its field");
            assertEquals(1, atSwitch.get("dynamicHolders") - start.get("dynamicHolders"));
            for (int flip = BUDGET + 2; flip <= BUDGET + 40; flip++) {
                flip(key, flip);
            }
            Map<String, Long> end = Bridge.statistics();
            assertEquals(atSwitch.get("patchOperations"), end.get("patchOperations"), "no retransformation at all");
            Bytecode holder = Dumps.of(Class.forName("dev.statickeys.holders.Key$flapping$key"));
            assertEquals(1, holder.fieldReads("isEnabled"), "the holder reads its call site");
            assertNotNull(log.await("static key \"flapping.key\" has flipped 51 times (agent option flipBudget=50):"
                    + " its holder now reads a MutableCallSite", 10));
            key.disable();
        }
    }

    private static void flip(StaticKey key, int flip) {
        boolean enable = flip % 2 == 1;
        if (enable) {
            key.enable();
        } else {
            key.disable();
        }
        assertEquals(enable, FlappingSites.site(), "flip " + flip);
    }
}
