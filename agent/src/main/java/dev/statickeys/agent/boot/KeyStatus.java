package dev.statickeys.agent.boot;

import javax.management.openmbean.CompositeData;

/** One key as {@link StaticKeysMXBean#getKeys()} shows it (a {@link CompositeData} in JMX clients). */
public final class KeyStatus {
    private final String name;
    private final boolean enabled;
    private final int count;
    private final boolean defaultEnabled;
    private final boolean defined;
    private final long sites;
    private final long classesWithSites;
    private final int classesPatchedPerFlip;
    private final String backend;
    private final long flips;
    private final long lastFlipTime;
    private final long lastFlipMicros;
    private final int lastFlipClasses;
    private final long patchFailures;

    /** All fields, in the order of the getters. */
    public KeyStatus(String name, boolean enabled, int count, boolean defaultEnabled, boolean defined, long sites,
            long classesWithSites, int classesPatchedPerFlip, String backend, long flips, long lastFlipTime,
            long lastFlipMicros, int lastFlipClasses, long patchFailures) {
        this.name = name;
        this.enabled = enabled;
        this.count = count;
        this.defaultEnabled = defaultEnabled;
        this.defined = defined;
        this.sites = sites;
        this.classesWithSites = classesWithSites;
        this.classesPatchedPerFlip = classesPatchedPerFlip;
        this.backend = backend;
        this.flips = flips;
        this.lastFlipTime = lastFlipTime;
        this.lastFlipMicros = lastFlipMicros;
        this.lastFlipClasses = lastFlipClasses;
        this.patchFailures = patchFailures;
    }

    /** For JMX proxies ({@code JMX.newMXBeanProxy}). */
    public static KeyStatus from(CompositeData data) {
        return new KeyStatus((String) data.get("name"), (Boolean) data.get("enabled"), (Integer) data.get("count"),
                (Boolean) data.get("defaultEnabled"), (Boolean) data.get("defined"), (Long) data.get("sites"),
                (Long) data.get("classesWithSites"), (Integer) data.get("classesPatchedPerFlip"),
                (String) data.get("backend"), (Long) data.get("flips"), (Long) data.get("lastFlipTime"),
                (Long) data.get("lastFlipMicros"), (Integer) data.get("lastFlipClasses"),
                (Long) data.get("patchFailures"));
    }

    /** The key's name. */
    public String getName() {
        return name;
    }

    /** Whether the key is enabled (count above 0). */
    public boolean isEnabled() {
        return enabled;
    }

    /** The key's reference count. */
    public int getCount() {
        return count;
    }

    /** The definition's state: true for {@code defineTrue}. */
    public boolean isDefaultEnabled() {
        return defaultEnabled;
    }

    /** Whether a {@code define*} call ran (false for a key known only from loaded sites). */
    public boolean isDefined() {
        return defined;
    }

    /** Branch sites in the classes loaded with sites of this key. */
    public long getSites() {
        return sites;
    }

    /** Classes loaded with sites of this key. */
    public long getClassesWithSites() {
        return classesWithSites;
    }

    /** Classes a flip of this key retransforms now: its holder, or the live classes with its inline sites. */
    public int getClassesPatchedPerFlip() {
        return classesPatchedPerFlip;
    }

    /** How the key's sites are patched: {@code holder}, {@code inline} or {@code holder+inline}. */
    public String getBackend() {
        return backend;
    }

    /** Patch operations that changed the key's state since start. */
    public long getFlips() {
        return flips;
    }

    /** When the last flip started, in milliseconds since the epoch; 0 if the key never flipped. */
    public long getLastFlipTime() {
        return lastFlipTime;
    }

    /** How long the last flip's patch operation took, in microseconds. */
    public long getLastFlipMicros() {
        return lastFlipMicros;
    }

    /** Classes the last flip retransformed. */
    public int getLastFlipClasses() {
        return lastFlipClasses;
    }

    /** Classes that could not be patched during this key's flips. */
    public long getPatchFailures() {
        return patchFailures;
    }
}
