package dev.statickeys.agent.table;

import java.util.Comparator;

/** A {@code key} record: a key field declared by a class compiled with the processor. */
public record RecordedKey(String className, String field, String name, boolean initialValue, String description,
        String owner) implements Comparable<RecordedKey> {
    private static final Comparator<RecordedKey> ORDER = Comparator.comparing(RecordedKey::className)
            .thenComparing(RecordedKey::field).thenComparing(RecordedKey::name)
            .thenComparing(RecordedKey::initialValue).thenComparing(RecordedKey::description)
            .thenComparing(RecordedKey::owner);

    /** By class, field, name, default, description and owner; consistent with equals. */
    @Override
    public int compareTo(RecordedKey other) {
        return ORDER.compare(this, other);
    }
}
