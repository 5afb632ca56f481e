package dev.statickeys.agent.table;

import java.util.Comparator;

/**
 * A {@code site} record: {@code getstatic keyClass.keyField; invokevirtual StaticKey.isEnabled()Z} in a
 * method, followed by {@code ifeq} or {@code ifne} (a branch site) or anything else (a value site).
 *
 * @param line the source line, or -1 when the class has no line numbers
 * @param keyName the key's name, or null when its declaration is in another table
 * @param shape {@code ifeq}, {@code ifne} or {@code value}
 */
public record RecordedSite(String className, String method, String descriptor, int line, String keyClass,
        String keyField, String keyName, String shape) implements Comparable<RecordedSite> {
    private static final Comparator<RecordedSite> ORDER = Comparator.comparing(RecordedSite::className)
            .thenComparing(RecordedSite::method).thenComparing(RecordedSite::descriptor)
            .thenComparingInt(RecordedSite::line).thenComparing(RecordedSite::keyClass)
            .thenComparing(RecordedSite::keyField)
            .thenComparing(RecordedSite::keyName, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(RecordedSite::shape);

    /** "an ifeq site of p.Keys.TRACE" */
    public String describe() {
        return (shape.equals("value") ? "a value site of " : "an " + shape + " site of ") + keyClass + "." + keyField;
    }

    /** By class, method, descriptor, line, key class, key field, key name (none first) and shape; consistent with equals. */
    @Override
    public int compareTo(RecordedSite other) {
        return ORDER.compare(this, other);
    }
}
