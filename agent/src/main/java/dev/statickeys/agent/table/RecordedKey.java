package dev.statickeys.agent.table;

import java.util.Comparator;
import java.util.Objects;

/** A {@code key} record: a key field declared by a class compiled with the processor. */
public final class RecordedKey implements Comparable<RecordedKey> {
    private static final Comparator<RecordedKey> ORDER = Comparator.comparing((RecordedKey key) -> key.className)
            .thenComparing(key -> key.field).thenComparing(key -> key.name)
            .thenComparing(key -> key.initialValue).thenComparing(key -> key.description)
            .thenComparing(key -> key.owner);

    public final String className;
    public final String field;
    public final String name;
    public final boolean initialValue;
    public final String description;
    public final String owner;

    RecordedKey(String className, String field, String name, boolean initialValue, String description, String owner) {
        this.className = className;
        this.field = field;
        this.name = name;
        this.initialValue = initialValue;
        this.description = description;
        this.owner = owner;
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof RecordedKey)) {
            return false;
        }
        RecordedKey that = (RecordedKey) other;
        return className.equals(that.className) && field.equals(that.field) && name.equals(that.name)
                && initialValue == that.initialValue && description.equals(that.description)
                && owner.equals(that.owner);
    }

    @Override
    public int hashCode() {
        return Objects.hash(className, field, name);
    }

    /** By class, field, name, default, description and owner; consistent with equals. */
    @Override
    public int compareTo(RecordedKey other) {
        return ORDER.compare(this, other);
    }
}
