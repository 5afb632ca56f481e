package dev.statickeys;

import static dev.statickeys.internal.core.Transition.DECREMENT;
import static dev.statickeys.internal.core.Transition.DISABLE;
import static dev.statickeys.internal.core.Transition.ENABLE;
import static dev.statickeys.internal.core.Transition.INCREMENT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.statickeys.internal.core.Transition;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The key state machine, driven through the public flip methods, for every count crossed with every operation. */
class TransitionTest {
    private static final int MAX = Integer.MAX_VALUE;
    private static final List<Integer> COUNTS = List.of(0, 1, 2, 3, MAX - 1, MAX);

    private final RecordingDomain domain = new RecordingDomain();

    /** One row of the expected state machine; {@code end == null} means the operation is refused. */
    record Row(int start, Transition op, Integer end) {
        boolean crossesZeroOne() {
            return (start > 0) != (end > 0);
        }

        boolean firstEnable() {
            return start == 0 && end > 0;
        }

        @Override
        public String toString() {
            return op + " at count " + start + (end == null ? " is refused" : " gives " + end);
        }
    }

    private static Row to(int start, Transition op, int end) {
        return new Row(start, op, end);
    }

    private static Row refused(int start, Transition op) {
        return new Row(start, op, null);
    }

    /** Written out by hand from KERNEL.md "Key state", not derived from the code under test. */
    private static final List<Row> TABLE = List.of(
            to(0, ENABLE, 1), to(0, DISABLE, 0), to(0, INCREMENT, 1), refused(0, DECREMENT),
            to(1, ENABLE, 1), to(1, DISABLE, 0), to(1, INCREMENT, 2), to(1, DECREMENT, 0),
            to(2, ENABLE, 2), refused(2, DISABLE), to(2, INCREMENT, 3), to(2, DECREMENT, 1),
            to(3, ENABLE, 3), refused(3, DISABLE), to(3, INCREMENT, 4), to(3, DECREMENT, 2),
            to(MAX - 1, ENABLE, MAX - 1), refused(MAX - 1, DISABLE), to(MAX - 1, INCREMENT, MAX),
            to(MAX - 1, DECREMENT, MAX - 2),
            to(MAX, ENABLE, MAX), refused(MAX, DISABLE), refused(MAX, INCREMENT), to(MAX, DECREMENT, MAX - 1));

    static Stream<Row> allowed() {
        return TABLE.stream().filter(row -> row.end() != null);
    }

    static Stream<Row> refusals() {
        return TABLE.stream().filter(row -> row.end() == null);
    }

    /** A key of {@link #domain} at the row's starting count, after the row's operation. */
    private StaticKey applyToFreshKey(Row row) {
        StaticKey key = domain.key("transition", row.start());
        apply(row.op(), key);
        return key;
    }

    static void apply(Transition op, StaticKey key) {
        switch (op) {
            case ENABLE -> key.enable();
            case DISABLE -> key.disable();
            case INCREMENT -> key.increment();
            case DECREMENT -> key.decrement();
            default -> throw new AssertionError(op);
        }
    }

    @Test
    void tableCoversEveryStartingCountCrossedWithEveryOperation() {
        Set<String> covered = TABLE.stream().map(row -> row.op() + "@" + row.start()).collect(Collectors.toSet());
        assertEquals(TABLE.size(), covered.size(), "duplicate rows");
        for (int count : COUNTS) {
            for (Transition op : Transition.values()) {
                assertTrue(covered.contains(op + "@" + count), "missing " + op + " at " + count);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("allowed")
    void allowedOperationSetsTheCountAndPatchesOnlyWhenCrossingZeroAndOne(Row row) {
        StaticKey key = applyToFreshKey(row);
        assertEquals(row.end(), key.count());
        assertEquals(row.end() > 0, key.isEnabled());
        assertEquals(row.crossesZeroOne() ? 1 : 0, domain.edges(key), "edges patched");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("allowed")
    void syncSeesMinusOneOnFirstEnableAndTheNewCountOtherwise(Row row) {
        applyToFreshKey(row);
        List<RecordingDomain.Sync> syncs = domain.syncs();
        if (row.crossesZeroOne()) {
            assertEquals(1, syncs.size(), "sync calls for an edge");
        }
        for (RecordingDomain.Sync sync : syncs) {
            RecordingDomain.Seen seen = sync.keys().get(0);
            assertEquals(row.firstEnable() ? -1 : row.end(), seen.rawCount(), "raw count inside sync");
            assertEquals(row.end() > 0, seen.enabled(), "isEnabled() inside sync");
            assertEquals(row.end(), seen.count(), "count() inside sync");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void refusedOperationThrowsNamingTheKeyAndCountAndChangesNothing(Row row) {
        StaticKey key = domain.key("refused-key", row.start());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> apply(row.op(), key));
        assertTrue(e.getMessage().contains("\"refused-key\""), e.getMessage());
        assertTrue(Pattern.compile("count is .*\\b" + row.start() + "\\b").matcher(e.getMessage()).find(),
                e.getMessage());
        assertEquals(row.start(), key.count());
        assertEquals(row.start(), key.count.getAsInt(), "raw count");
        assertEquals(List.of(), domain.syncs(), "sync calls");
    }

    @ParameterizedTest
    @EnumSource(value = Transition.class, names = {"ENABLE", "INCREMENT"})
    void firstEnableFromZeroReadsEnabledAtCountOneWhilePatching(Transition op) {
        StaticKey key = applyToFreshKey(new Row(0, op, 1));
        RecordingDomain.Seen seen = domain.onlySync().keys().get(0);
        assertEquals(new RecordingDomain.Seen(key, -1, true, 1), seen);
        assertEquals(1, key.count.getAsInt(), "raw count after the enable returns");
        assertEquals(1, domain.edges(key));
    }

    @Test
    void disableAtCountTwoThrowsAndChangesNothing() {
        StaticKey key = domain.key("two-users", 2);
        IllegalStateException e = assertThrows(IllegalStateException.class, key::disable);
        assertTrue(e.getMessage().contains("its count is 2"), e.getMessage());
        assertTrue(e.getMessage().contains("decrement()"), e.getMessage());
        assertEquals(2, key.count());
    }

    @Test
    void enableThenDisablePatchesTwiceAndIncrementsBetweenPatchNothing() {
        StaticKey key = domain.key("round-trip", 0);
        key.enable();
        key.increment();
        key.increment();
        key.decrement();
        key.decrement();
        key.disable();
        assertEquals(0, key.count());
        assertEquals(2, domain.edges(key));
    }
}
