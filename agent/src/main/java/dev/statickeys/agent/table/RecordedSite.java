package dev.statickeys.agent.table;

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
    /** "an ifeq site of p.Keys.TRACE" */
    public String describe() {
        return (shape.equals("value") ? "a value site of " : "an " + shape + " site of ") + keyClass + "." + keyField;
    }

    /**
     * By class, method, descriptor, line, key class, key field, key name (none first) and shape; consistent with
     * equals. Written out rather than as a {@code Comparator.comparing} chain: tables are read when the first
     * class with sites loads, and each link of such a chain is a lambda the JVM spins then (issue 19).
     */
    @Override
    public int compareTo(RecordedSite other) {
        int order = className.compareTo(other.className);
        order = order != 0 ? order : method.compareTo(other.method);
        order = order != 0 ? order : descriptor.compareTo(other.descriptor);
        order = order != 0 ? order : Integer.compare(line, other.line);
        order = order != 0 ? order : keyClass.compareTo(other.keyClass);
        order = order != 0 ? order : keyField.compareTo(other.keyField);
        if (order == 0 && keyName != other.keyName) {
            order = keyName == null ? -1 : other.keyName == null ? 1 : keyName.compareTo(other.keyName);
        }
        return order != 0 ? order : shape.compareTo(other.shape);
    }
}
