package dev.statickeys;

import java.util.List;
import java.util.Optional;

/**
 * Finding keys by name and flipping several in one patch operation.
 */
public final class StaticKeys {
    private StaticKeys() {}

    /**
     * The key with this name, if it is defined in this JVM. With the agent, a key whose sites are in a
     * loaded class is found even before the class that defines it is initialized (its state is shared
     * with the definition that comes later).
     *
     * @throws IllegalArgumentException if {@code name} is not a valid key name
     */
    public static Optional<StaticKey> find(String name) {
        return KeyDomain.jvm().find(name);
    }

    /** Every key found as by {@link #find}, sorted by name; an unmodifiable snapshot. */
    public static List<StaticKey> all() {
        return KeyDomain.jvm().all();
    }

    /**
     * Runs {@code flips} and applies every flip made inside it, on this thread, with one patch
     * operation (one {@code retransformClasses} call covering every affected class), like the kernel's
     * queue-then-apply batching.
     *
     * <p>Counts change at once, so {@link StaticKey#isEnabled()} called inside the batch sees the new
     * states; sites are patched when the batch ends. A flip of the same key by another thread meanwhile
     * patches that key at once. If {@code flips} throws, the flips made before the throw are still
     * applied, then the exception propagates. A batch opened inside a batch joins the outer one.
     * Other threads are not blocked while {@code flips} runs.
     *
     * @throws NullPointerException if {@code flips} is null
     */
    public static void batch(Runnable flips) {
        if (flips == null) {
            throw new NullPointerException("StaticKeys.batch: flips is null; expected a Runnable");
        }
        KeyDomain.jvm().batch(flips);
    }

    /**
     * Whether sites are patched in the bytecode in this JVM, that is, whether the statickeys agent is
     * installed. When false, sites are plain checks with the same semantics.
     */
    public static boolean agentActive() {
        return KeyDomain.jvm().patching();
    }

    /**
     * The form sites take when their class loads: {@code "holder"} (a call of a per-key holder method,
     * whose class is re-patched on a flip) or {@code "inline"} (a constant jump or fall-through in the
     * class itself), as the agent's {@code backend} option chose; {@code "none"} without the agent, where
     * sites are plain checks. Some keys' sites may take another form later (see the agent's MXBean).
     */
    public static String backend() {
        return KeyDomain.jvm().backend();
    }

    /**
     * Puts key {@code name} in state {@code enabled}, for configuration applied at start-up: if the key is
     * defined (or, with the agent, known from a loaded site) it is flipped with {@link StaticKey#enable()}
     * or {@link StaticKey#disable()}; otherwise it will start in that state when it is defined, whatever
     * its definition says (as the agent's {@code key.<name>} setting does). The starting state stays set
     * for the life of the JVM; a key once known is changed only by flips.
     *
     * @throws IllegalArgumentException if {@code name} is not a valid key name (the message states the rule)
     * @throws IllegalStateException if {@code enabled} is false and the key's count is 2 or more (as
     *     {@link StaticKey#disable()}); the key is not changed
     */
    public static void configure(String name, boolean enabled) {
        KeyDomain.jvm().configure(name, enabled);
    }

    /**
     * Adds a listener told about every flip in this JVM from now on (see {@link FlipListener} for which
     * flips, on which thread, in which order). Adding the same listener twice reports each flip to it
     * twice.
     *
     * @throws NullPointerException if {@code listener} is null
     * @throws UnsupportedOperationException if the agent in this JVM is of an older version that does not
     *     report flips to the API
     */
    public static void addFlipListener(FlipListener listener) {
        if (listener == null) {
            throw new NullPointerException("StaticKeys.addFlipListener: listener is null; expected a FlipListener");
        }
        KeyDomain.jvm().addFlipListener(listener);
    }

    /**
     * Removes one registration of {@code listener}; reports already queued for it may still arrive.
     *
     * @return whether it was registered
     */
    public static boolean removeFlipListener(FlipListener listener) {
        return KeyDomain.jvm().removeFlipListener(listener);
    }
}
