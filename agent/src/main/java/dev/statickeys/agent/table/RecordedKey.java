package dev.statickeys.agent.table;

/** A {@code key} record: a key field declared by a class compiled with the processor. */
public record RecordedKey(String className, String field, String name, boolean initialValue, String description,
        String owner) implements Comparable<RecordedKey> {
    /**
     * By class, field, name, default, description and owner; consistent with equals. Written out rather than
     * as a {@code Comparator.comparing} chain, whose every link is a lambda spun when the first table is read
     * (issue 19).
     */
    @Override
    public int compareTo(RecordedKey other) {
        int order = className.compareTo(other.className);
        order = order != 0 ? order : field.compareTo(other.field);
        order = order != 0 ? order : name.compareTo(other.name);
        order = order != 0 ? order : Boolean.compare(initialValue, other.initialValue);
        order = order != 0 ? order : description.compareTo(other.description);
        return order != 0 ? order : owner.compareTo(other.owner);
    }
}
