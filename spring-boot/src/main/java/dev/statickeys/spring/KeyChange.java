package dev.statickeys.spring;

import dev.statickeys.StaticKey;
import dev.statickeys.StaticKeys;
import java.util.Optional;

/**
 * A request to set a key's state, as the {@code statickeys} endpoint receives it, and its outcome: the
 * one place that decides what a request means, for every channel the endpoint is exposed on.
 */
final class KeyChange {
    /** What became of a request; the web extension turns each into an HTTP status. */
    enum Outcome {
        /** The key is in the requested state (it was flipped, or was there already). */
        DONE,
        /** The body or the name is malformed; nothing was changed. */
        MALFORMED,
        /** No key has that name; nothing was changed. */
        UNKNOWN,
        /** The API refused the change (a disable at count 2 or more); nothing was changed. */
        REFUSED
    }

    /** An outcome with the message that explains it (empty for {@link Outcome#DONE}). */
    record Result(Outcome outcome, String message) {}

    private KeyChange() {}

    /**
     * The key named {@code name}.
     *
     * @throws IllegalArgumentException if the name breaks the naming rule (the message states it)
     */
    static Optional<StaticKey> find(String name) {
        return StaticKeys.find(name);
    }

    /**
     * Sets key {@code name} to {@code enabled} with {@link StaticKey#enable()} or {@link StaticKey#disable()}.
     *
     * @param enabled the body's {@code enabled} member as text ({@code true} or {@code false}; the actuator
     *     hands operations the members of a JSON body as strings), or null if it is missing
     */
    static Result apply(String name, String enabled) {
        if (!"true".equals(enabled) && !"false".equals(enabled)) {
            return new Result(Outcome.MALFORMED, enabled == null
                    ? "the body has no \"enabled\" member; expected {\"enabled\": true} or {\"enabled\": false}"
                    : "\"enabled\" is " + enabled + "; expected true or false");
        }
        Optional<StaticKey> key;
        try {
            key = find(name);
        } catch (IllegalArgumentException e) {
            return new Result(Outcome.MALFORMED, e.getMessage());
        }
        if (key.isEmpty()) {
            return new Result(Outcome.UNKNOWN, "no static key named \"" + name + "\"");
        }
        try {
            if (Boolean.parseBoolean(enabled)) {
                key.get().enable();
            } else {
                key.get().disable();
            }
        } catch (IllegalStateException e) {
            return new Result(Outcome.REFUSED, e.getMessage());
        }
        return new Result(Outcome.DONE, "");
    }
}
