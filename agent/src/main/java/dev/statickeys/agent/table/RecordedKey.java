package dev.statickeys.agent.table;

import java.util.Objects;

/** A {@code key} record: a key field declared by a class compiled with the processor. */
public final class RecordedKey {
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
}
