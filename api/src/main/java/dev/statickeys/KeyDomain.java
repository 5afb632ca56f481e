package dev.statickeys;

import dev.statickeys.internal.core.ConcurrentMaps;
import dev.statickeys.internal.core.KeyNames;
import dev.statickeys.internal.core.Transition;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntSupplier;
import java.util.function.ObjLongConsumer;

/**
 * Where keys live: this copy of the API's key objects, over the one key state machine
 * ({@code dev.statickeys.internal.core.KeyControl}), which owns the counts, the flip lock and the
 * patching. The JVM has one domain, chosen when this class is first used: the agent's when it is
 * installed ({@link AgentDomain}: the state machine inside the agent, shared by every copy of the API in
 * the JVM), else {@link LocalDomain} (a state machine of this copy, with nothing to patch).
 *
 * <p>What a domain hands this copy is read-only: a key object reads its count through an
 * {@link IntSupplier} and changes it only through the state machine's operations.
 */
abstract class KeyDomain {
    private final ConcurrentHashMap<String, StaticKey> keys = new ConcurrentHashMap<>();
    private final FlipReports flipReports = new FlipReports();

    /** The JVM's domain. */
    static KeyDomain jvm() {
        return Jvm.DOMAIN;
    }

    /**
     * Reads the count of key {@code name}, the key becoming known if it is not.
     *
     * @param definition true for a {@code define*} call, false when a key known from its sites is adopted
     * @throws IllegalArgumentException if the name is invalid or known with the other initial value
     */
    abstract IntSupplier cell(String name, boolean initialValue, boolean definition);

    /** Applies {@code op} to key {@code name} through the state machine. */
    abstract void update(String name, Transition op);

    /** Runs {@code flips} as one batch of this thread. */
    abstract void batch(Runnable flips);

    /** A deferred handle on key {@code name}. */
    abstract DeferredOps deferred(String name, long delayNanos);

    /** The initial value of a key known to the domain by name only (from its sites), or null. */
    abstract Boolean knownInitialValue(String name);

    /** Every key name the domain knows. */
    abstract Collection<String> knownNames();

    /** Sets ({@code state} non-null) or clears the state key {@code name} starts in when it becomes known. */
    abstract void preset(String name, Boolean state);

    /** The preset state of key {@code name}, or null. */
    abstract Boolean preset(String name);

    /** Whether sites are patched in the bytecode (the agent is installed). */
    abstract boolean patching();

    /** Called through {@code Linkage} when a class with patched sites is initialized. Never throws. */
    abstract void classInitialized(Class<?> type);

    /** {@code {sites, classes, flips}} of key {@code name} (see {@link KeyStatistics}). */
    abstract long[] statistics(String name);

    /** The form sites take when their class loads: {@code holder}, {@code inline}, or {@code none}. */
    abstract String backend();

    /**
     * Has the state machine report every patch operation to {@code observer}, which it holds weakly
     * ({@code JumpLabels.observe}).
     */
    abstract void observe(ObjLongConsumer<Map<String, Boolean>> observer);

    final void addFlipListener(FlipListener listener) {
        flipReports.add(listener, this::observe);
    }

    final boolean removeFlipListener(FlipListener listener) {
        return flipReports.remove(listener);
    }

    /**
     * Puts key {@code name} in the given state: flips it if it is known, else presets the state it starts
     * in. The preset comes first, so a key that becomes known in between starts in that state and the flip
     * finds nothing to do.
     */
    final void configure(String name, boolean enabled) {
        KeyNames.check(name);
        preset(name, enabled);
        find(name).ifPresent(key -> {
            if (enabled) {
                key.enable();
            } else {
                key.disable();
            }
        });
    }

    /** The operations of a deferred handle ({@code dev.statickeys.internal.core.Deferred}). */
    interface DeferredOps {
        void increment();

        void decrement();

        void flush();

        int pending();
    }

    final StaticKey define(String name, boolean initialValue) {
        KeyNames.check(name);
        StaticKey existing = keys.get(name);
        if (existing != null && existing.initialValue() != initialValue) {
            throw conflict(name, existing.initialValue());
        }
        IntSupplier cell = cell(name, initialValue, true);
        StaticKey key = keys.get(name); // the agent's first definition is on its start path: no lambda here
        if (key == null) {
            key = ConcurrentMaps.kept(keys, name, new StaticKey(name, initialValue, cell, this));
        }
        if (key.initialValue() != initialValue) {
            throw conflict(name, key.initialValue());
        }
        return key;
    }

    static IllegalArgumentException conflict(String name, boolean existing) {
        return new IllegalArgumentException("static key \"" + name + "\" is already defined with "
                + (existing ? "defineTrue" : "defineFalse") + "; it cannot be defined again with "
                + (existing ? "defineFalse" : "defineTrue"));
    }

    final Optional<StaticKey> find(String name) {
        KeyNames.check(name);
        StaticKey key = keys.get(name);
        if (key != null) {
            return Optional.of(key);
        }
        Boolean known = knownInitialValue(name);
        return known == null ? Optional.empty() : Optional.of(adopt(name, known));
    }

    final List<StaticKey> all() {
        for (String name : knownNames()) {
            if (!keys.containsKey(name)) {
                Boolean known = knownInitialValue(name);
                if (known != null) {
                    adopt(name, known);
                }
            }
        }
        List<StaticKey> all = new ArrayList<>(keys.values());
        all.sort(Comparator.comparing(StaticKey::name));
        return List.copyOf(all);
    }

    private StaticKey adopt(String name, boolean initialValue) {
        return keys.computeIfAbsent(name, n -> new StaticKey(n, initialValue, cell(n, initialValue, false), this));
    }

    private static final class Jvm {
        static final KeyDomain DOMAIN = connect();

        private static KeyDomain connect() {
            KeyDomain agent = AgentDomain.connect();
            return agent != null ? agent : new LocalDomain();
        }
    }

    // Entry points of dev.statickeys.internal.Linkage and Presets, found by them through a private lookup:
    // nothing can install another domain or hook in their place.

    static void classInitializedHook(Class<?> type) {
        try {
            jvm().classInitialized(type);
        } catch (RuntimeException | LinkageError e) {
            // Never fail the application's class initialization; the agent reports its own errors.
        }
    }

    static void presetHook(String name, Boolean state) {
        jvm().preset(KeyNames.check(name), state);
    }

    static Boolean presetOfHook(String name) {
        return jvm().preset(KeyNames.check(name));
    }
}
