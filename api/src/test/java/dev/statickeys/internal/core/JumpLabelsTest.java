package dev.statickeys.internal.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.ObjLongConsumer;
import org.junit.jupiter.api.Test;

/** The core's flip observers: one report per patch operation the backend carried out, whatever the channel. */
class JumpLabelsTest {
    private final List<Map<String, Boolean>> reports = new ArrayList<>();
    private final List<Boolean> lockHeld = new ArrayList<>();
    private RuntimeException refuse;
    private final JumpLabels core = new JumpLabels(states -> {
        if (refuse != null) {
            throw refuse;
        }
    });
    private final KeyControl control = new KeyControl(core);
    private final ObjLongConsumer<Map<String, Boolean>> observer = (states, nanos) -> {
        assertTrue(nanos >= 0);
        reports.add(Map.copyOf(states));
        lockHeld.add(core.lock().isHeldByCurrentThread());
    };

    JumpLabelsTest() {
        core.keys().define("a", false, true);
        core.keys().define("b", false, true);
        core.observe(observer);
    }

    @Test
    void everyPatchOperationIsReportedOnceWithTheKeysItChanged() {
        control.enable("a");
        control.increment("a"); // 1 to 2: no edge, nothing patched
        control.batch(() -> {
            control.decrement("a");
            control.decrement("a");
            control.enable("b");
        });
        control.enable("b"); // already enabled
        assertEquals(List.of(Map.of("a", true), Map.of("a", false, "b", true)), reports);
        assertEquals(List.of(true, true), lockHeld, "observers run under the flip lock: they must only hand on");
    }

    @Test
    void aRefusedPatchOrARefusedOperationIsNotReported() {
        refuse = new IllegalStateException("verification failed");
        assertThrows(IllegalStateException.class, () -> control.enable("a"));
        refuse = null;
        assertThrows(IllegalStateException.class, () -> control.decrement("a"));
        assertEquals(List.of(), reports);
    }

    @Test
    void anObserverThatThrowsNeverFailsAFlipOrTheNextObserver() {
        core.observe((states, nanos) -> {
            throw new IllegalStateException("observer failure");
        });
        List<Map<String, Boolean>> second = new ArrayList<>();
        ObjLongConsumer<Map<String, Boolean>> last = (states, nanos) -> second.add(states);
        core.observe(last);
        control.enable("a");
        assertEquals(1, control.count("a"));
        assertEquals(List.of(Map.of("a", true)), second);
    }

    @Test
    void aNullObserverIsRefused() {
        NullPointerException e = assertThrows(NullPointerException.class, () -> core.observe(null));
        assertTrue(e.getMessage().contains("expected an ObjLongConsumer"), e.getMessage());
    }
}
