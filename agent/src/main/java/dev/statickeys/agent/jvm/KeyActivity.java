package dev.statickeys.agent.jvm;

import dev.statickeys.internal.core.ConcurrentMaps;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What happened to each key in this JVM since start: its sites as their classes loaded, its flips and
 * the classes its flips could not patch. Counts only grow; classes that are unloaded stay counted.
 */
public final class KeyActivity {
    /** One key's counters. Flip fields change under the flip lock and are read without it. */
    public static final class Stats {
        private final LongAdder sites = new LongAdder();
        private final LongAdder classes = new LongAdder();
        private volatile long flips;
        private volatile long lastFlipEpochMillis;
        private volatile long lastFlipNanos;
        private volatile int lastFlipClasses;
        private volatile long failures;

        /** Branch sites in classes loaded with sites of this key. */
        public long sites() {
            return sites.sum();
        }

        /** Classes loaded with sites of this key. */
        public long classes() {
            return classes.sum();
        }

        /** Patch operations that changed this key's state. */
        public long flips() {
            return flips;
        }

        /** Start of the last flip in milliseconds since the epoch, or 0 if it never flipped. */
        public long lastFlipEpochMillis() {
            return lastFlipEpochMillis;
        }

        /** Duration of the last flip in nanoseconds. */
        public long lastFlipNanos() {
            return lastFlipNanos;
        }

        /** Classes retransformed by the last flip. */
        public int lastFlipClasses() {
            return lastFlipClasses;
        }

        /** Classes that could not be patched during this key's flips. */
        public long failures() {
            return failures;
        }
    }

    private final ConcurrentMap<String, Stats> keys = new ConcurrentHashMap<>();

    /** The key's counters (all zero for a key nothing happened to). */
    public Stats of(String key) {
        Stats stats = keys.get(key); // a key's first site is on the agent's start path: no lambda here
        return stats != null ? stats : ConcurrentMaps.kept(keys, key, new Stats());
    }

    void sitesLoaded(String key, int sites) {
        Stats stats = of(key);
        stats.sites.add(sites);
        stats.classes.increment();
    }

    /** Called under the flip lock. */
    synchronized void flipped(Flip flip) {
        for (String key : flip.states().keySet()) {
            Stats stats = of(key);
            stats.flips++;
            stats.lastFlipEpochMillis = flip.startEpochMillis();
            stats.lastFlipNanos = flip.durationNanos();
            stats.lastFlipClasses = flip.retransformed();
            stats.failures += flip.failures().size();
        }
    }
}
