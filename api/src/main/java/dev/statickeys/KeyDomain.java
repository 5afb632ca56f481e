package dev.statickeys;

import dev.statickeys.internal.KeyNames;
import dev.statickeys.internal.Linkage;
import dev.statickeys.internal.Presets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Where keys live and what a flip patches: the generic half of the kernel's {@code kernel/jump_label.c}
 * (names, counts, the state machine, the lock) over a narrow patching hook.
 *
 * <p>The JVM has one domain, chosen when this class is first used: linked to the statickeys agent when
 * it is installed ({@link AgentDomain}), else {@link LocalDomain}, where sites read the count.
 */
abstract class KeyDomain {
    private final ConcurrentHashMap<String, StaticKey> keys = new ConcurrentHashMap<>();

    /** The JVM's domain. */
    static KeyDomain jvm() {
        return Jvm.DOMAIN;
    }

    /** The lock that serializes every flip in the domain (the kernel's {@code jump_label_mutex}). */
    abstract ReentrantLock lock();

    /**
     * The count cell for {@code name}, shared by every key object of that name in the domain.
     *
     * @param definition true for a {@code define*} call, false when a key known from its sites is adopted
     * @throws IllegalArgumentException if the name is known with the other initial value
     */
    abstract AtomicInteger cell(String name, boolean initialValue, boolean definition);

    /**
     * Brings the sites of {@code keys} in line with their counts; a key whose sites already show its
     * state costs nothing. Called with {@link #lock()} held.
     */
    abstract void sync(Collection<StaticKey> keys);

    /** The initial value of a key known to the domain by name only (from its sites), or null. */
    Boolean knownInitialValue(String name) {
        return null;
    }

    /**
     * Sets ({@code state} non-null) or clears the state that key {@code name} starts in when it is first
     * defined or known, whatever its definition says. Keys known already are not changed.
     */
    abstract void preset(String name, Boolean state);

    /** The preset state of key {@code name}, or null. */
    abstract Boolean preset(String name);

    /** Names known to the domain without a key object in this copy of the API. */
    Collection<String> knownNames() {
        return List.of();
    }

    /** Whether sites are patched in the bytecode (the agent is installed). */
    abstract boolean patching();

    /** Called by {@code Linkage} when a class with patched sites is initialized. */
    void classInitialized(Class<?> type) {
    }

    final StaticKey define(String name, boolean initialValue) {
        KeyNames.check(name);
        StaticKey existing = keys.get(name);
        if (existing != null && existing.initialValue() != initialValue) {
            throw conflict(name, existing.initialValue());
        }
        AtomicInteger cell = cell(name, initialValue, true);
        StaticKey key = keys.computeIfAbsent(name, n -> new StaticKey(n, initialValue, cell, this));
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

    /**
     * Applies one operation to {@code key}: the state machine of {@code kernel/jump_label.c}.
     * Outside a batch the sites are in line with the new count when this returns; inside one, when the
     * batch ends.
     */
    final void update(StaticKey key, Transition op) {
        Batch batch = Batch.current();
        ReentrantLock lock = lock();
        lock.lock();
        try {
            int current = key.count();
            int next = op.next(key.name(), current);
            if (batch != null) {
                key.count.set(next);
                batch.add(key);
            } else if (current == 0 && next > 0) {
                // The kernel's first-enable protocol: -1 reads as enabled while the sites are patched;
                // every other flip waits on the lock we hold.
                key.count.set(-1);
                try {
                    sync(List.of(key));
                } finally {
                    key.count.set(next);
                }
            } else {
                key.count.set(next);
                sync(List.of(key));
            }
        } finally {
            lock.unlock();
        }
    }

    /** Patches the sites of every key a batch touched, in one operation. */
    final void apply(Collection<StaticKey> batched) {
        ReentrantLock lock = lock();
        lock.lock();
        try {
            sync(batched);
        } finally {
            lock.unlock();
        }
    }

    private static final class Jvm {
        static final KeyDomain DOMAIN = connect();

        private static KeyDomain connect() {
            KeyDomain agent = AgentDomain.connect();
            KeyDomain domain = agent != null ? agent : new LocalDomain();
            Presets.install(domain::preset, domain::preset);
            Linkage.install(type -> {
                try {
                    domain.classInitialized(type);
                } catch (RuntimeException | LinkageError e) {
                    // Never fail the application's class initialization; the agent reports its own errors.
                }
            });
            return domain;
        }
    }
}
