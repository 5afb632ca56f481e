package dev.statickeys.agent.jvm;

import dev.statickeys.agent.table.RecordedClass;
import dev.statickeys.siterule.KeyField;
import java.lang.ref.SoftReference;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * What the transformer made of each live class the last two times it re-patched it, so a flip that
 * returns a class to a state it had hands the JVM a copy instead of reading and writing the class again.
 * In an inline flip that reading and writing was most of the time over the JVM's own (issue 19: about
 * 90 µs a class at 1,000 classes, against 35 µs of the JVM's).
 *
 * <p>The transformer stays a pure function of what it is given: an answer is reused only for the same
 * bytes in (compared in full, since another agent's transformer ahead of ours may hand different ones)
 * and the same patches; a class's site table record does not change (a loader's tables are read once).
 * Held per class ({@link ClassValue}, so it goes with the class) and softly, so memory pressure clears
 * it; nothing in it refers to a class or a loader.
 */
final class RepatchMemo {
    /** A class file made for some patches: its bytes, the sites patched, where the table and bytecode disagreed. */
    record Made(Map<KeyField, FieldPatch> patches, byte[] bytes, int sites, List<String> mismatches) {}

    /**
     * The bytes a class was last re-patched from, their site table record (null for none) and scan, and the
     * last two class files made from them.
     */
    static final class Entry {
        private final byte[] original;
        final RecordedClass recorded;
        final ClassScan scan;
        private final Made[] made = new Made[2];
        private int next;

        private Entry(byte[] original, RecordedClass recorded, ClassScan scan) {
            this.original = original;
            this.recorded = recorded;
            this.scan = scan;
        }

        /** A copy of the class file made for {@code patches}, or null. */
        synchronized Made find(Map<KeyField, FieldPatch> patches) {
            for (Made candidate : made) {
                if (candidate != null && candidate.patches.equals(patches)) {
                    return new Made(patches, candidate.bytes.clone(), candidate.sites, candidate.mismatches);
                }
            }
            return null;
        }

        /** Remembers a copy of {@code fresh} (whose bytes go to the JVM), over the older of two. */
        synchronized void remember(Made fresh) {
            made[next] = new Made(Map.copyOf(fresh.patches), fresh.bytes.clone(), fresh.sites,
                    List.copyOf(fresh.mismatches));
            next = 1 - next;
        }
    }

    private final ClassValue<Slot> slots = new ClassValue<>() {
        @Override
        protected Slot computeValue(Class<?> type) {
            return new Slot();
        }
    };

    /** One class's entry, or a cleared reference. */
    private static final class Slot {
        private SoftReference<Entry> entry = new SoftReference<>(null);
    }

    /** The entry of {@code type} if it was made from {@code original}, else null. */
    Entry find(Class<?> type, byte[] original) {
        Slot slot = slots.get(type);
        synchronized (slot) {
            Entry entry = slot.entry.get();
            return entry != null && Arrays.equals(entry.original, original) ? entry : null;
        }
    }

    /** A new entry of {@code type} for {@code original}, its table record and its scan, replacing any other. */
    Entry start(Class<?> type, byte[] original, RecordedClass recorded, ClassScan scan) {
        Entry entry = new Entry(original.clone(), recorded, scan);
        Slot slot = slots.get(type);
        synchronized (slot) {
            slot.entry = new SoftReference<>(entry);
        }
        return entry;
    }
}
