package dev.statickeys.agent.table;

import java.util.Comparator;
import java.util.Objects;

/**
 * A {@code site} record: {@code getstatic keyClass.keyField; invokevirtual StaticKey.isEnabled()Z} in a
 * method, followed by {@code ifeq} or {@code ifne} (a branch site) or anything else (a value site).
 */
public final class RecordedSite implements Comparable<RecordedSite> {
    private static final Comparator<RecordedSite> ORDER = Comparator.comparing((RecordedSite site) -> site.className)
            .thenComparing(site -> site.method).thenComparing(site -> site.descriptor).thenComparingInt(site -> site.line)
            .thenComparing(site -> site.keyClass).thenComparing(site -> site.keyField)
            .thenComparing(site -> site.keyName, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(site -> site.shape);

    public final String className;
    public final String method;
    public final String descriptor;
    /** The source line, or -1 when the class has no line numbers. */
    public final int line;
    public final String keyClass;
    public final String keyField;
    /** The key's name, or null when its declaration is in another table. */
    public final String keyName;
    /** {@code ifeq}, {@code ifne} or {@code value}. */
    public final String shape;

    public RecordedSite(String className, String method, String descriptor, int line, String keyClass, String keyField,
            String keyName, String shape) {
        this.className = className;
        this.method = method;
        this.descriptor = descriptor;
        this.line = line;
        this.keyClass = keyClass;
        this.keyField = keyField;
        this.keyName = keyName;
        this.shape = shape;
    }

    /** "an ifeq site of p.Keys.TRACE" */
    public String describe() {
        return (shape.equals("value") ? "a value site of " : "an " + shape + " site of ") + keyClass + "." + keyField;
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof RecordedSite)) {
            return false;
        }
        RecordedSite that = (RecordedSite) other;
        return className.equals(that.className) && method.equals(that.method) && descriptor.equals(that.descriptor)
                && line == that.line && keyClass.equals(that.keyClass) && keyField.equals(that.keyField)
                && Objects.equals(keyName, that.keyName) && shape.equals(that.shape);
    }

    @Override
    public int hashCode() {
        return Objects.hash(className, method, descriptor, line, keyClass, keyField, keyName, shape);
    }

    /** By class, method, descriptor, line, key class, key field, key name (none first) and shape; consistent with equals. */
    @Override
    public int compareTo(RecordedSite other) {
        return ORDER.compare(this, other);
    }
}
