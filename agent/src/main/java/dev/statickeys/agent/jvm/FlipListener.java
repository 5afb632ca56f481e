package dev.statickeys.agent.jvm;

/**
 * Told about every patch operation and every class the agent could not patch. Called on the flipping
 * thread (with the flip lock held) or the class-loading thread: implementations must be quick, must not
 * throw and must not flip keys or load application classes.
 */
public interface FlipListener {
    /** A patch operation is about to start; {@link Flip#states()} is known, nothing else yet. */
    default void starting(Flip flip) {
    }

    /** A patch operation ended (successfully or not: see {@link Flip#failures()}). */
    void flipped(Flip flip);

    /**
     * A class could not be patched outside a patch operation (when it loaded or initialized); the reason
     * says what its sites do instead.
     */
    void patchFailed(String className, String reason);
}
