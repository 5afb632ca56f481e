package dev.statickeys.openfeature;

/**
 * What one bound key is doing, as seen by {@link StaticKeyFlags#bindings()}: a snapshot.
 *
 * @param key the key's name
 * @param flag the OpenFeature flag it follows
 * @param status where the binding stands
 * @param detail one line for people: the flag's value, reason or error; empty when there is nothing to say
 */
public record FlagBinding(String key, String flag, Status status, String detail) {
    /** Where a binding stands after the last evaluation of its flag. */
    public enum Status {
        /** The flag has not been evaluated yet (the provider was never ready). */
        PENDING,
        /** The key follows the flag: its state is the flag's last value. */
        FOLLOWING,
        /**
         * The flag's value depends on the evaluation context (targeting, a split, or a reason that does not
         * say it is static): the key is left as it is.
         */
        CONTEXT_DEPENDENT,
        /** The flag could not be evaluated (not found, wrong type, disabled, an error): the key is left as it is. */
        UNAVAILABLE,
        /**
         * The flag is off but the key's count is 2 or more (other users hold it): disabling is refused and
         * the key stays enabled until they let go; the next change of the flag tries again.
         */
        HELD,
        /** The flag is off and the key flaps: its disable waits for the {@link FlapLimit} window. */
        DEFERRED,
        /** Applying the flag's value failed (the flip was refused or the patch failed): the key is as it was. */
        FAILED
    }
}
