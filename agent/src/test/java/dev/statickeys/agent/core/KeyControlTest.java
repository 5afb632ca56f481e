package dev.statickeys.agent.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.statickeys.StaticKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The core's key state machine (used by the x86 simulation) against the API's (used by the JVM): the same
 * random operation sequences give the same counts and the same refusals, word for word.
 */
class KeyControlTest {
    private final List<Map<String, Boolean>> updates = new ArrayList<>();
    private final KeyControl control = new KeyControl(new JumpLabels(updates::add));

    private static String apply(int op, Runnable enable, Runnable disable, Runnable increment, Runnable decrement) {
        try {
            switch (op) {
                case 0 -> enable.run();
                case 1 -> disable.run();
                case 2 -> increment.run();
                default -> decrement.run();
            }
            return "ok";
        } catch (IllegalStateException refused) {
            return refused.getMessage();
        }
    }

    @Test
    void theSameSequencesGiveTheSameCountsAndRefusalsAsTheApi() {
        for (boolean initial : new boolean[] {false, true}) {
            String name = "keycontrol-" + initial;
            StaticKey api = initial ? StaticKey.defineTrue(name) : StaticKey.defineFalse(name);
            control.core().keys().define(name, initial, true);
            Random random = new Random(42);
            for (int step = 0; step < 500; step++) {
                int op = random.nextInt(4);
                String viaApi = apply(op, api::enable, api::disable, api::increment, api::decrement);
                String viaCore = apply(op, () -> control.enable(name), () -> control.disable(name),
                        () -> control.increment(name), () -> control.decrement(name));
                assertEquals(viaApi, viaCore, "step " + step + ", operation " + op);
                assertEquals(api.count(), control.count(name), "count after step " + step);
            }
        }
    }

    @Test
    void onlyTheEdgesReachTheBackendAndABatchReachesItOnce() {
        control.core().keys().define("k", false, true);
        control.core().keys().define("j", false, true);
        control.increment("k");
        control.increment("k");
        control.decrement("k");
        assertEquals(List.of(Map.of("k", true)), updates);
        updates.clear();
        control.batch(() -> {
            control.decrement("k");
            control.enable("j");
            control.batch(() -> control.increment("j")); // nested: joins the outer batch
        });
        assertEquals(List.of(Map.of("k", false, "j", true)), updates);
    }

    @Test
    void aRefusedPatchPutsTheCountAndTheAppliedStateBack() {
        KeyControl refusing = new KeyControl(new JumpLabels(states -> {
            throw new IllegalStateException("refused");
        }));
        refusing.core().keys().define("k", false, true);
        assertThrows(IllegalStateException.class, () -> refusing.enable("k"));
        assertEquals(0, refusing.count("k"));
        assertEquals(false, refusing.core().keys().get("k").applied());
        assertEquals("deferred decrement of static key \"k\": delay 0 ticks; expected at least 1",
                assertThrows(IllegalArgumentException.class, () -> refusing.decrementDeferred("k", 0)).getMessage());
        assertEquals("advance by -1 ticks; expected 0 or more",
                assertThrows(IllegalArgumentException.class, () -> refusing.advance(-1)).getMessage());
    }
}
