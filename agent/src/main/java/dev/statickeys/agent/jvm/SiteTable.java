package dev.statickeys.agent.jvm;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * Which classes hold sites of which key: the JVM's counterpart of the kernel's sorted
 * {@code __jump_table}, kept per key.
 *
 * <p>A class enters as <em>loaded</em> when the transformer patches it at load time, with the states it
 * used; it becomes <em>live</em> when its static initializer runs (before any of its sites can). Only
 * live classes are re-patched by flips; a loaded class checks itself against the current states when
 * it becomes live. Classes are held weakly, so class loaders can be collected.
 */
final class SiteTable {
    private final Map<ClassLoader, Map<String, Map<String, Boolean>>> loaded = new WeakHashMap<>();
    private final Map<String, Map<String, Boolean>> loadedByBootLoader = new HashMap<>();
    private final Map<String, Set<Class<?>>> liveByKey = new HashMap<>();
    private final Map<Class<?>, Set<String>> keysOfLive = new WeakHashMap<>();

    /** Records that {@code className} (internal form) was patched at load with {@code used} states. */
    synchronized void loaded(ClassLoader loader, String className, Map<String, Boolean> used) {
        byLoader(loader, true).put(className, Map.copyOf(used));
    }

    /**
     * Moves {@code type} from loaded to live and returns the states its bytecode was patched with, or
     * null if the class was not patched at load by this agent.
     */
    synchronized Map<String, Boolean> live(Class<?> type) {
        Map<String, Map<String, Boolean>> classes = byLoader(type.getClassLoader(), false);
        Map<String, Boolean> used = classes == null ? null : classes.remove(type.getName().replace('.', '/'));
        if (used == null) {
            return null;
        }
        keysOfLive.put(type, Set.of());
        repatched(type, used.keySet());
        return used;
    }

    /**
     * Records that live class {@code type} was re-patched and now holds patched sites of exactly
     * {@code keys} (none when its sites call holders or stay plain), so flips of other keys pass it over.
     * Classes that are not live are left alone: they check themselves when they become live.
     */
    synchronized void repatched(Class<?> type, Set<String> keys) {
        Set<String> before = keysOfLive.get(type);
        if (before == null) {
            return;
        }
        for (String key : before) {
            if (!keys.contains(key)) {
                liveByKey.get(key).remove(type);
            }
        }
        for (String key : keys) {
            liveByKey.computeIfAbsent(key, k -> Collections.newSetFromMap(new WeakHashMap<>())).add(type);
        }
        keysOfLive.put(type, Set.copyOf(keys));
    }

    /** The live classes holding sites of any of {@code keys}, each once. */
    synchronized List<Class<?>> liveClassesOf(Collection<String> keys) {
        Set<Class<?>> classes = new LinkedHashSet<>();
        for (String key : keys) {
            Set<Class<?>> live = liveByKey.get(key);
            if (live != null) {
                classes.addAll(live);
            }
        }
        return new ArrayList<>(classes);
    }

    private Map<String, Map<String, Boolean>> byLoader(ClassLoader loader, boolean create) {
        if (loader == null) {
            return loadedByBootLoader;
        }
        Map<String, Map<String, Boolean>> classes = loaded.get(loader);
        if (classes == null && create) {
            classes = new HashMap<>();
            loaded.put(loader, classes);
        }
        return classes;
    }
}
