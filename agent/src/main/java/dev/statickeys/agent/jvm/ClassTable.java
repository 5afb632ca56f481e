package dev.statickeys.agent.jvm;

import dev.statickeys.internal.core.KeyRecord;
import dev.statickeys.internal.core.KeyRegistry;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.function.Predicate;

/**
 * Which classes hold sites of which key: the JVM's counterpart of the kernel's sorted
 * {@code __jump_table}, kept per key. (The build-time <em>site table</em>, {@code META-INF/statickeys/sites},
 * is another thing: see {@code table.TableReader}.)
 *
 * <p>The race between class loading and flipping is closed by design, without the flip lock on the
 * class-loading path. The transformer reads the <em>applied</em> state of each key (volatile) when it
 * patches a class at load and records what it used ({@link #loaded}). A flip first publishes the new
 * applied state, then collects the live classes here (under this table's monitor) and re-patches them. A
 * class becomes live in its static initializer, under the same monitor, before any of its sites can run
 * ({@link #live}), then compares the states it used with the applied ones ({@link Patched#staleIn}). If it
 * became live before the flip collected, the flip re-patches it; otherwise the flip had published its
 * state already, the class sees it is stale and re-patches itself on the spot. Two threads re-patching
 * one class at once cannot leave it stale: HotSpot runs a redefinition's transformers and installs its
 * result while no other thread redefines that class ({@code VM_RedefineClasses::lock_classes} in
 * {@code doit_prologue}), so the last class installed was transformed last, with the latest applied state.
 *
 * <p>Lock order: the flip lock (held by flips across the backend's retransformation), then this table's
 * monitor (held only inside its short methods, never across a call out).
 *
 * <p>A class enters as <em>loaded</em> when the transformer patches it at load time, with the states it
 * used; it becomes <em>live</em> when its static initializer runs (before any of its sites can). Only
 * live classes are re-patched by flips; a loaded class checks itself against the current states when
 * it becomes live. Classes are held weakly, so class loaders can be collected.
 */
final class ClassTable {
    private final Map<ClassLoader, Map<String, Patched>> loaded = new WeakHashMap<>();
    private final Map<String, Patched> loadedByBootLoader = new HashMap<>();
    private final Map<String, Set<Class<?>>> liveByKey = new HashMap<>();
    private final Map<Class<?>, Set<String>> keysOfLive = new WeakHashMap<>();
    /** Live classes whose sites call a key's holder, by key; and the keys whose holders each calls. */
    private final Map<String, Set<Class<?>>> holderUsersByKey = new HashMap<>();
    private final Map<Class<?>, Set<String>> holderKeysOfLive = new WeakHashMap<>();

    /** Live classes none of whose frames can run long on the class's own code ({@link ClassScan#mayLoop}). */
    private final Set<Class<?>> loopFree = Collections.newSetFromMap(new WeakHashMap<>());

    /**
     * How a class was patched at load: inline states by key, the keys whose holders its sites call, and
     * whether a method of it may loop.
     */
    record Patched(Map<String, Boolean> used, Set<String> holderKeys, boolean mayLoop) {
        Patched {
            used = Map.copyOf(used);
            holderKeys = Set.copyOf(holderKeys);
        }

        /** Whether a key it was patched with has changed its applied state since. */
        boolean staleIn(KeyRegistry keys) {
            for (Map.Entry<String, Boolean> entry : used.entrySet()) {
                KeyRecord key = keys.get(entry.getKey());
                if (key != null && key.applied() != entry.getValue()) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * Records that {@code className} (internal form) was patched at load with {@code used} states, its
     * other sites calling the holders of {@code holderKeys}; {@code mayLoop} as {@link ClassScan#mayLoop}.
     */
    synchronized void loaded(ClassLoader loader, String className, Map<String, Boolean> used, Set<String> holderKeys,
            boolean mayLoop) {
        byLoader(loader, true).put(className, new Patched(used, holderKeys, mayLoop));
    }

    /**
     * Moves {@code type} from loaded to live and returns how its bytecode was patched, or null if the class
     * was not patched at load by this agent.
     */
    synchronized Patched live(Class<?> type) {
        Map<String, Patched> classes = byLoader(type.getClassLoader(), false);
        Patched patched = classes == null ? null : classes.remove(type.getName().replace('.', '/'));
        if (patched == null) {
            return null;
        }
        keysOfLive.put(type, Set.of());
        holderKeysOfLive.put(type, Set.of());
        if (!patched.mayLoop()) {
            loopFree.add(type);
        }
        repatched(type, patched.used().keySet(), patched.holderKeys());
        return patched;
    }

    /**
     * Records that live class {@code type} was re-patched and now holds inline sites of exactly
     * {@code keys} (none when its sites call holders or stay plain), so flips of other keys pass it over,
     * and sites calling the holders of exactly {@code holderKeys}.
     * Classes that are not live are left alone: they check themselves when they become live.
     */
    synchronized void repatched(Class<?> type, Set<String> keys, Set<String> holderKeys) {
        Set<String> before = keysOfLive.get(type);
        if (before == null || before.equals(keys) && holderKeysOfLive.get(type).equals(holderKeys)) {
            return; // not live, or a flip's re-patch that changed no key's form
        }
        replace(type, keys, keysOfLive, liveByKey);
        replace(type, holderKeys, holderKeysOfLive, holderUsersByKey);
    }

    private static void replace(Class<?> type, Set<String> keys, Map<Class<?>, Set<String>> keysOf,
            Map<String, Set<Class<?>>> classesOf) {
        for (String key : keysOf.getOrDefault(type, Set.of())) {
            if (!keys.contains(key)) {
                classesOf.get(key).remove(type);
            }
        }
        for (String key : keys) {
            Set<Class<?>> classes = classesOf.get(key);
            if (classes == null) { // no computeIfAbsent with a lambda: the first class is on the agent's start path
                classes = Collections.newSetFromMap(new WeakHashMap<>());
                classesOf.put(key, classes);
            }
            classes.add(type);
        }
        keysOf.put(type, Set.copyOf(keys));
    }

    /**
     * Whether a frame of live class {@code type} may run long on the class's own code: true unless the
     * class was found loop-free at load (so also for a class this table did not see load).
     */
    synchronized boolean mayLoop(Class<?> type) {
        return !loopFree.contains(type);
    }

    /** The live classes whose sites call the holder of {@code key}. */
    synchronized List<Class<?>> holderUsersOf(String key) {
        Set<Class<?>> users = holderUsersByKey.get(key);
        return users == null ? List.of() : new ArrayList<>(users);
    }

    /** The keys whose holders live class {@code type}'s sites call (empty for classes not live). */
    synchronized Set<String> holderKeysOf(Class<?> type) {
        return holderKeysOfLive.getOrDefault(type, Set.of());
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

    /** Whether a live class holding sites of {@code key} passes {@code test}; copies nothing. */
    synchronized boolean anyLive(String key, Predicate<Class<?>> test) {
        Set<Class<?>> live = liveByKey.get(key);
        if (live != null) {
            for (Class<?> type : live) {
                if (test.test(type)) {
                    return true;
                }
            }
        }
        return false;
    }

    private Map<String, Patched> byLoader(ClassLoader loader, boolean create) {
        if (loader == null) {
            return loadedByBootLoader;
        }
        Map<String, Patched> classes = loaded.get(loader);
        if (classes == null && create) {
            classes = new HashMap<>();
            loaded.put(loader, classes);
        }
        return classes;
    }
}
