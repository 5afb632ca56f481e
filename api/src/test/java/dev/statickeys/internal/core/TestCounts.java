package dev.statickeys.internal.core;

/** Test support: puts a key at any count at once (a key at Integer.MAX_VALUE without 2^31 increments). */
public final class TestCounts {
    private TestCounts() {}

    /** Sets the count of key {@code name} of {@code control} to {@code count}, and its applied state to match. */
    public static void set(KeyControl control, String name, int count) {
        KeyRecord key = control.core().keys().require(name);
        key.count().set(count);
        key.applied(count != 0);
    }
}
