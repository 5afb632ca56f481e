package dev.statickeys.internal.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.statickeys.StaticKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The one key state machine: driven directly (as the x86 simulation, JMX and the attach command drive it)
 * and through the API (as applications do) it gives the same counts and refusals, word for word; its
 * rules for nested flips, refused batches, deferred handles and names.
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

    @Test
    void aFlipFromInsideAPatchIsRefusedNamingTheKeyAndChangesNothing() {
        // Another agent's transformer (or a listener) flips a key while this thread is patching.
        List<String> refusals = new ArrayList<>();
        KeyControl[] nested = new KeyControl[1];
        nested[0] = new KeyControl(new JumpLabels(states -> {
            if (states.containsKey("outer")) {
                try {
                    nested[0].enable("inner");
                } catch (IllegalStateException refused) {
                    refusals.add(refused.getMessage());
                }
            }
        }));
        nested[0].core().keys().define("outer", false, true);
        nested[0].core().keys().define("inner", false, true);
        nested[0].enable("outer");
        assertEquals(1, refusals.size());
        assertTrue(refusals.get(0).startsWith("cannot flip static key \"inner\" now: this thread is patching"),
                refusals.get(0));
        assertEquals(1, nested[0].count("outer"));
        assertEquals(0, nested[0].count("inner"));
        assertEquals(false, nested[0].core().keys().get("inner").applied());
        nested[0].enable("inner"); // outside the patch it works, and disable leaves both consistent
        nested[0].disable("inner");
        assertEquals(0, nested[0].count("inner"));
        assertEquals(false, nested[0].core().keys().get("inner").applied());
    }

    @Test
    void aRefusedBatchPutsBackEveryCountItChanged() {
        KeyControl refusing = new KeyControl(new JumpLabels(states -> {
            throw new IllegalStateException("refused");
        }));
        refusing.core().keys().define("a", false, true);
        refusing.core().keys().define("b", true, true);
        assertThrows(IllegalStateException.class, () -> refusing.batch(() -> {
            refusing.enable("a");
            refusing.increment("b");
        }));
        assertEquals(0, refusing.count("a"));
        assertEquals(1, refusing.count("b"));
        assertEquals(false, refusing.core().keys().get("a").applied());
    }

    @Test
    void aDeferredHandleWaitsForItsDelayAndAnIncrementCancelsIt() {
        SimulatedClock clock = new SimulatedClock();
        KeyControl deferred = new KeyControl(new JumpLabels(updates::add), clock);
        deferred.core().keys().define("d", false, true);
        Deferred handle = deferred.deferred("d", 10);
        handle.increment();
        handle.decrement();
        assertEquals(1, handle.pending());
        clock.advance(9);
        assertEquals(1, deferred.count("d"));
        handle.increment(); // cancels the pending decrement
        clock.advance(100);
        assertEquals(1, deferred.count("d"));
        handle.decrement();
        clock.advance(10);
        assertEquals(0, deferred.count("d"));
        assertEquals(List.of(Map.of("d", true), Map.of("d", false)), updates);
    }

    @Test
    void namesThatBreakTheRuleAreNeverRegistered() {
        KeyRegistry keys = control.core().keys();
        for (String bad : new String[] {"", "a b", "k:x", "x".repeat(201)}) {
            assertThrows(IllegalArgumentException.class, () -> keys.define(bad, false, true), bad);
            assertThrows(IllegalArgumentException.class, () -> keys.forSite(bad, false), bad);
            assertThrows(IllegalArgumentException.class, () -> keys.preset(bad, true), bad);
        }
        assertEquals(List.of(), List.copyOf(keys.all()));
    }

    @Test
    void theFlipSequenceIsOddOnlyWhileAnOperationHoldsTheLock() {
        long[] during = new long[1];
        KeyControl[] control = new KeyControl[1];
        control[0] = new KeyControl(new JumpLabels(states -> during[0] = control[0].core().sequence()));
        control[0].core().keys().define("s", false, true);
        long start = control[0].core().sequence();
        control[0].enable("s");
        assertEquals(0, start % 2, "even while nothing runs");
        assertEquals(1, during[0] % 2, "odd while the flip patches");
        assertEquals(start + 2, control[0].core().sequence(), "even again, one operation later");
    }
}
