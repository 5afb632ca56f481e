package dev.statickeys.x86;

/** How many INT3 batches one update of the keys writes ({@link Kernel#batching}). */
public enum Batching {
    /**
     * The kernel's: {@code __jump_label_update} queues one key's entries in one image and applies them, so each
     * key writes one batch per image with sites of it (split at {@link TextPoke#BATCH_MAX}).
     */
    PER_KEY,
    /**
     * Ours, not a mainline operation: every site of every key changed by one update (a
     * {@code KeyControl.batch}), in every image, in one INT3 batch (split at {@link TextPoke#BATCH_MAX}), so
     * the whole update costs three syncs.
     */
    ONE_BATCH
}
