package dev.statickeys;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * A test domain that patches nothing but records what a patching domain would see: every
 * {@link #sync} call, each key's raw count during it, and the edges it would patch. Like the agent, it
 * tracks each key's applied state (initially the key's initial value) and counts an edge only when the
 * key's enabled state differs from the state last synced.
 */
class RecordingDomain extends LocalDomain {
    /** One key as a sync call saw it: the raw cell value, {@code isEnabled()} and {@code count()}. */
    record Seen(StaticKey key, int rawCount, boolean enabled, int count) {}

    /** One sync call: the thread that made it and the keys it covered. */
    record Sync(Thread thread, List<Seen> keys) {
        Set<String> names() {
            return keys.stream().map(seen -> seen.key().name()).collect(Collectors.toSet());
        }
    }

    private final List<Sync> syncs = new CopyOnWriteArrayList<>();
    private final Map<StaticKey, Boolean> applied = new ConcurrentHashMap<>();
    private final Map<StaticKey, AtomicInteger> edges = new ConcurrentHashMap<>();
    private volatile Consumer<Collection<StaticKey>> duringSync = keys -> {};

    /** A key bound to this domain whose initial value matches its count (enabled iff count > 0). */
    StaticKey key(String name, int count) {
        StaticKey key = new StaticKey(name, count > 0, new AtomicInteger(count), this);
        applied.put(key, key.initialValue());
        edges.put(key, new AtomicInteger());
        return key;
    }

    /** Runs {@code action} inside every later sync call, after the call is recorded. */
    void duringSync(Consumer<Collection<StaticKey>> action) {
        duringSync = action;
    }

    @Override
    void sync(Collection<StaticKey> keys) {
        List<Seen> seen = new ArrayList<>();
        for (StaticKey key : keys) {
            boolean enabled = key.isEnabled();
            seen.add(new Seen(key, key.count.get(), enabled, key.count()));
            if (applied.put(key, enabled) != enabled) {
                edges.get(key).incrementAndGet();
            }
        }
        syncs.add(new Sync(Thread.currentThread(), List.copyOf(seen)));
        duringSync.accept(keys);
    }

    List<Sync> syncs() {
        return List.copyOf(syncs);
    }

    /** The only sync call so far; fails if there were none or several. */
    Sync onlySync() {
        List<Sync> all = syncs();
        if (all.size() != 1) {
            throw new AssertionError("expected exactly one sync call, got " + all);
        }
        return all.get(0);
    }

    /** How many times {@code key}'s sites would have been patched. */
    int edges(StaticKey key) {
        return edges.get(key).get();
    }
}
