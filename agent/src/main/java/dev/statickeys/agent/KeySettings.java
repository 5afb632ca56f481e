package dev.statickeys.agent;

import dev.statickeys.internal.core.DaemonThreads;
import dev.statickeys.internal.core.KeyRecord;
import dev.statickeys.internal.core.KeyRegistry;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The {@code key.<name>} settings: presets in the registry before any class loads, and one report of the
 * names that no class defined by {@code checkKeysAfter} seconds after start-up (or by exit, if the JVM
 * exits sooner), since a misspelt name would otherwise be silently ignored.
 */
final class KeySettings {
    private final Map<String, Boolean> states;
    private final KeyRegistry keys;
    private final AtomicBoolean checked = new AtomicBoolean();

    KeySettings(Map<String, Boolean> states, KeyRegistry keys) {
        this.states = Map.copyOf(states);
        this.keys = keys;
    }

    /** Presets every configured key and schedules the check. */
    void install(int checkAfterSeconds) {
        for (Map.Entry<String, Boolean> state : states.entrySet()) {
            keys.preset(state.getKey(), state.getValue());
        }
        if (states.isEmpty()) {
            return;
        }
        Reports.atExit(this::check);
        DaemonThreads.start("statickeys-key-check", () -> {
            try {
                Thread.sleep(checkAfterSeconds * 1_000L);
                check();
            } catch (InterruptedException e) {
                // the JVM is going down; the exit check reports
            }
        });
    }

    /** Reports, once, the configured keys not defined yet. */
    void check() {
        if (!checked.compareAndSet(false, true)) {
            return;
        }
        List<String> undefined = new ArrayList<>();
        for (String name : states.keySet()) {
            KeyRecord key = keys.get(name);
            if (key == null || !key.defined()) {
                undefined.add(name);
            }
        }
        undefined.sort(null);
        for (String name : undefined) {
            Reports.log(Level.WARNING, "setting key." + name + "=" + (states.get(name) ? "enabled" : "disabled")
                    + " names a key that no class has defined (with StaticKey.defineFalse/defineTrue); check the"
                    + " name. It applies if the key is defined later.", null);
        }
    }
}
