package dev.statickeys.internal;

import dev.statickeys.StaticKeys;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Not API: the states keys start in when they are defined later, for the statickeys JUnit 5 extension.
 * Subject to change without notice; applications set starting states with the agent's {@code key.<name>}
 * setting instead.
 */
public final class Presets {
    private static volatile BiConsumer<String, Boolean> setter;
    private static volatile Function<String, Boolean> getter;

    private Presets() {}

    /**
     * Sets ({@code state} non-null) or clears the state that key {@code name} starts in when it is first
     * defined (or first known to the agent from its sites), whatever its definition says. A key already
     * defined is not changed: flip it instead.
     *
     * @throws IllegalArgumentException if {@code name} is not a valid key name
     */
    public static void set(String name, Boolean state) {
        KeyNames.check(name);
        connect();
        setter.accept(name, state);
    }

    /** The state set for key {@code name} by {@link #set} or the agent's configuration, or null. */
    public static Boolean get(String name) {
        KeyNames.check(name);
        connect();
        return getter.apply(name);
    }

    private static void connect() {
        if (setter == null) {
            StaticKeys.agentActive(); // initializes the API, which installs the domain's presets
        }
    }

    /** Called once by the API as it initializes; later calls are ignored. */
    public static synchronized void install(BiConsumer<String, Boolean> set, Function<String, Boolean> get) {
        if (setter == null) {
            getter = get;
            setter = set;
        }
    }
}
