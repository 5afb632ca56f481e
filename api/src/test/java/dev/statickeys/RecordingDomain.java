package dev.statickeys;

import dev.statickeys.internal.core.Backend;
import dev.statickeys.internal.core.Clock;
import dev.statickeys.internal.core.SimulatedClock;
import dev.statickeys.internal.core.TestCounts;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * A test domain over the real state machine whose backend patches nothing but records what it is asked
 * to patch: every backend call, each key's raw count during it, and the edges it would patch.
 */
class RecordingDomain extends LocalDomain {
    /** One key as a backend call saw it: the raw count, {@code isEnabled()} and {@code count()}. */
    record Seen(StaticKey key, int rawCount, boolean enabled, int count) {}

    /** One backend call: the thread that made it and the keys it covered. */
    record Sync(Thread thread, List<Seen> keys) {
        Set<String> names() {
            return keys.stream().map(seen -> seen.key().name()).collect(Collectors.toSet());
        }
    }

    private static final class Recorder implements Backend {
        RecordingDomain domain;

        @Override
        public void update(Map<String, Boolean> states) {
            domain.record(states.keySet());
        }
    }

    private final List<Sync> syncs = new CopyOnWriteArrayList<>();
    private final Map<String, StaticKey> byName = new ConcurrentHashMap<>();
    private final Map<StaticKey, AtomicInteger> edges = new ConcurrentHashMap<>();
    private volatile Consumer<Collection<StaticKey>> duringSync = keys -> {};

    RecordingDomain() {
        this(new SimulatedClock());
    }

    RecordingDomain(Clock clock) {
        this(new Recorder(), clock);
    }

    private RecordingDomain(Recorder recorder, Clock clock) {
        super(recorder, clock);
        recorder.domain = this;
    }

    /** A key of this domain whose initial value matches its count (enabled iff count > 0). */
    StaticKey key(String name, int count) {
        StaticKey key = define(name, count > 0);
        TestCounts.set(control(), name, count);
        byName.put(name, key);
        edges.put(key, new AtomicInteger());
        return key;
    }

    ReentrantLock lock() {
        return control().core().lock();
    }

    /** Runs {@code action} inside every later backend call, after the call is recorded. */
    void duringSync(Consumer<Collection<StaticKey>> action) {
        duringSync = action;
    }

    private void record(Set<String> names) {
        List<Seen> seen = new ArrayList<>();
        List<StaticKey> keys = new ArrayList<>();
        for (String name : names) {
            StaticKey key = byName.get(name);
            keys.add(key);
            seen.add(new Seen(key, key.count.getAsInt(), key.isEnabled(), key.count()));
            edges.get(key).incrementAndGet();
        }
        syncs.add(new Sync(Thread.currentThread(), List.copyOf(seen)));
        duringSync.accept(keys);
    }

    List<Sync> syncs() {
        return List.copyOf(syncs);
    }

    /** The only backend call so far; fails if there were none or several. */
    Sync onlySync() {
        List<Sync> all = syncs();
        if (all.size() != 1) {
            throw new AssertionError("expected exactly one backend call, got " + all);
        }
        return all.get(0);
    }

    /** How many times {@code key}'s sites were patched. */
    int edges(StaticKey key) {
        return edges.get(key).get();
    }
}
