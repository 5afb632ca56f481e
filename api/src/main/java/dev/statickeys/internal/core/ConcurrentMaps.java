package dev.statickeys.internal.core;

import java.util.concurrent.ConcurrentMap;

/**
 * Not API: {@code computeIfAbsent} without a lambda, for code on the agent's start path, where every lambda
 * is a class the JVM spins the first time it is evaluated (issue 19's start-up profile). The caller looks the
 * key up first and makes a value only when it is absent; {@link #kept} then keeps the first value any thread
 * put, so every caller gets the same one. Unlike {@code computeIfAbsent}, two racing threads may both make a
 * value: use it only where making one has no effect beyond the object made.
 */
public final class ConcurrentMaps {
    private ConcurrentMaps() {}

    /** The value {@code map} holds for {@code key} after putting {@code made} if it held none. */
    public static <K, V> V kept(ConcurrentMap<K, V> map, K key, V made) {
        V earlier = map.putIfAbsent(key, made);
        return earlier != null ? earlier : made;
    }
}
