package dev.statickeys.junit5;

import dev.statickeys.StaticKey;
import dev.statickeys.StaticKeys;
import dev.statickeys.internal.core.KeyNames;
import dev.statickeys.internal.Presets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The keys one test changed and what they were before it changed them: put in a state on first touch,
 * saved first, and restored exactly after the test. Thread-safe: a test may flip keys from any thread.
 */
final class KeyStates {
    private final String test;
    private final Map<String, Saved> saved = new LinkedHashMap<>();
    private boolean restored;

    KeyStates(String test) {
        this.test = test;
    }

    /** Puts every key in its state with one patch operation; names must be valid. */
    synchronized void apply(Map<String, Boolean> states) {
        checkOpen();
        StaticKeys.batch(() -> states.forEach(this::put));
    }

    /**
     * Puts one key in a state.
     *
     * @throws IllegalArgumentException if {@code name} is not a valid key name; nothing is changed
     * @throws IllegalStateException if the test has ended
     */
    synchronized void set(String name, boolean enabled) {
        KeyNames.check(name);
        checkOpen();
        put(name, enabled);
    }

    private void checkOpen() {
        if (restored) {
            throw new IllegalStateException("test " + test + " has ended and its static keys were restored;"
                    + " a KeySwitch flips keys only while its test runs");
        }
    }

    private void put(String name, boolean enabled) {
        saved.computeIfAbsent(name, Saved::of);
        Optional<StaticKey> key = StaticKeys.find(name);
        if (key.isEmpty()) {
            Presets.set(name, enabled);
            // Its class may have initialized between find and the preset, starting from the old preset.
            key = StaticKeys.find(name);
        }
        key.ifPresent(defined -> moveTo(defined, enabled));
    }

    /** "enabled" is a count of at least 1, "disabled" a count of 0; a count of 2 or more is not refused. */
    private static void moveTo(StaticKey key, boolean enabled) {
        if (enabled) {
            if (!key.isEnabled()) {
                key.enable();
            }
        } else {
            while (key.count() > 0) {
                key.decrement();
            }
        }
    }

    /**
     * Puts every key back as it was before the test first touched it, with one patch operation, and
     * closes this object for further flips. Every key is attempted even if one fails.
     *
     * @throws RuntimeException the first failure, the others suppressed in it
     */
    synchronized void restore() {
        if (restored) {
            return;
        }
        restored = true;
        List<RuntimeException> failures = new ArrayList<>();
        StaticKeys.batch(() -> {
            for (Saved before : saved.values()) {
                try {
                    before.restore();
                } catch (RuntimeException e) {
                    failures.add(e);
                }
            }
        });
        if (!failures.isEmpty()) {
            RuntimeException first = failures.get(0);
            failures.subList(1, failures.size()).forEach(first::addSuppressed);
            throw first;
        }
    }

    /** A key as it was before a test touched it: defined with a count, or not defined with a preset. */
    private static final class Saved {
        final String name;
        final boolean defined;
        final int count;
        final Boolean preset;

        private Saved(String name, boolean defined, int count, Boolean preset) {
            this.name = name;
            this.defined = defined;
            this.count = count;
            this.preset = preset;
        }

        static Saved of(String name) {
            Optional<StaticKey> key = StaticKeys.find(name);
            // Read after find: a key defined in between started from this very preset, so restore() puts
            // it back to the same start either way.
            return key.isPresent() ? new Saved(name, true, key.get().count(), null)
                    : new Saved(name, false, 0, Presets.get(name));
        }

        void restore() {
            if (defined) {
                StaticKeys.find(name).ifPresent(key -> countTo(key, count));
                return;
            }
            // Preset first: a class initializing from here on starts as it would have without the test.
            Presets.set(name, preset);
            StaticKeys.find(name).ifPresent(key -> countTo(key, startCount(key)));
        }

        /** The count a key not defined before the test would have started with had the test not run. */
        private int startCount(StaticKey key) {
            boolean start = preset != null ? preset : key.initialValue();
            return start ? 1 : 0;
        }

        private static void countTo(StaticKey key, int target) {
            while (key.count() < target) {
                key.increment();
            }
            while (key.count() > target) {
                key.decrement();
            }
        }
    }
}
