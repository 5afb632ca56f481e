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
}
