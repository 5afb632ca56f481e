package dev.statickeys.spring;

import java.util.Locale;

/** A state a key can be configured in with {@code statickeys.keys.<name>}. */
public enum KeyState {
    /** The key is enabled at start-up ({@code StaticKey.enable()}, or it starts enabled when defined). */
    ENABLED,
    /** The key is disabled at start-up ({@code StaticKey.disable()}, or it starts disabled when defined). */
    DISABLED;

    /**
     * The state a configuration value names, in any letter case.
     *
     * @param property the property's name, for the message
     * @throws IllegalArgumentException naming the property, the value and the expected values
     */
    static KeyState parse(String property, String value) {
        String trimmed = value == null ? "" : value.trim();
        for (KeyState state : values()) {
            if (state.name().equalsIgnoreCase(trimmed)) {
                return state;
            }
        }
        throw new IllegalArgumentException(property + ": \"" + value + "\" is not a key state; expected enabled or disabled");
    }

    boolean enabled() {
        return this == ENABLED;
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
