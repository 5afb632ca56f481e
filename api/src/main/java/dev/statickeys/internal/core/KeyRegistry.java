package dev.statickeys.internal.core;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/** Every key the agent knows, by name: defined by the application or referenced by a loaded site. */
public final class KeyRegistry {
    private final ConcurrentHashMap<String, KeyRecord> keys = new ConcurrentHashMap<>();
    /** States that keys not known yet start in, by name (configuration, tests). */
    private final ConcurrentHashMap<String, Boolean> presets = new ConcurrentHashMap<>();
    /** Run once, when the first key becomes known; taken (set to null) by whoever runs it. */
    private final AtomicReference<Runnable> onFirstKey = new AtomicReference<>();

    /** The API's naming rule, as messages state it. */
    public static final String NAME_RULE = KeyNames.RULE;

    /** The API's naming rule ({@link KeyNames}). */
    public static boolean isValidName(String name) {
        return KeyNames.isValid(name);
    }

    /**
     * The record for a {@code define*} call (or an adoption by name from the API).
     *
     * @throws IllegalArgumentException if the name breaks the naming rule, or is known with the other
     *     initial value
     */
    public KeyRecord define(String name, boolean initialValue, boolean definition) {
        KeyNames.check(name);
        KeyRecord record = recordFor(name, initialValue);
        if (record.initialValue() != initialValue) {
            throw new IllegalArgumentException("static key \"" + name + "\" is already "
                    + (record.defined() ? "defined with " : "referenced by loaded sites as defined with ")
                    + (record.initialValue() ? "defineTrue" : "defineFalse") + "; it cannot be defined again with "
                    + (initialValue ? "defineTrue" : "defineFalse"));
        }
        if (definition) {
            record.markDefined();
        }
        return record;
    }

    /**
     * The record for a site whose declaring code says {@code initialValue}; created if unknown.
     *
     * @throws IllegalArgumentException if the name breaks the naming rule
     */
    public KeyRecord forSite(String name, boolean initialValue) {
        KeyNames.check(name);
        return recordFor(name, initialValue);
    }

    /**
     * Runs {@code action} once, when the first key becomes known, however it does (a definition, an
     * adoption by name, a loaded site), on the thread that makes it known and outside any lock here; at
     * once if a key is known already. For services that should start only in a JVM that uses keys (the
     * agent's MXBean). A second call replaces an action that has not run yet.
     */
    public void onFirstKey(Runnable action) {
        onFirstKey.set(action);
        if (!keys.isEmpty()) {
            runFirstKeyAction();
        }
    }

    private KeyRecord known(KeyRecord record) {
        if (onFirstKey.get() != null) {
            runFirstKeyAction();
        }
        return record;
    }

    private void runFirstKeyAction() {
        Runnable action = onFirstKey.getAndSet(null);
        if (action != null) {
            action.run();
        }
    }

    /**
     * Sets ({@code state} non-null) or clears the state that key {@code name} starts in when it becomes
     * known, whatever its definition says. A key already known is not changed.
     *
     * @throws IllegalArgumentException if the name breaks the naming rule
     */
    public void preset(String name, Boolean state) {
        KeyNames.check(name);
        if (state == null) {
            presets.remove(name);
        } else {
            presets.put(name, state);
        }
    }

    /** The state key {@code name} would start in if it became known now, or null for its definition's. */
    public Boolean preset(String name) {
        return presets.get(name);
    }

    /** The record of {@code name}, made from its preset or {@code initialValue} if it is unknown. */
    private KeyRecord recordFor(String name, boolean initialValue) {
        KeyRecord record = keys.get(name);
        return known(record != null ? record : ConcurrentMaps.kept(keys, name, newRecord(name, initialValue)));
    }

    private KeyRecord newRecord(String name, boolean initialValue) {
        Boolean preset = presets.get(name);
        return new KeyRecord(name, initialValue, preset == null ? initialValue : preset);
    }

    /**
     * Drops a key whose every definition and site is gone (the x86 simulation's module unload). The JVM
     * side never forgets a key: classes that used it may still be loaded.
     */
    public void forget(String name) {
        keys.remove(name);
    }

    public KeyRecord get(String name) {
        return keys.get(name);
    }

    /**
     * The record of key {@code name}, for operations that name a key.
     *
     * @throws IllegalArgumentException naming the input: an invalid name with the rule, an unknown key with
     *     the known ones
     */
    public KeyRecord require(String name) {
        if (name == null || !isValidName(name)) {
            throw new IllegalArgumentException("invalid static key name " + (name == null ? "null" : "\"" + name + "\"")
                    + "; expected " + NAME_RULE);
        }
        KeyRecord key = keys.get(name);
        if (key == null) {
            throw new IllegalArgumentException("no static key named \"" + name + "\"; known keys: "
                    + all().stream().map(KeyRecord::name).sorted().toList());
        }
        return key;
    }

    public Collection<KeyRecord> all() {
        return List.copyOf(keys.values());
    }
}
