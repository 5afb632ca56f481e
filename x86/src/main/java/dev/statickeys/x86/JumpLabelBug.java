package dev.statickeys.x86;

/**
 * The kernel's {@code BUG()} after "jump_label: Fatal kernel bug, unexpected op": a site did not hold the
 * instruction it was about to leave. Thrown before anything of the update is written, so every site and
 * every key keeps its state.
 */
public final class JumpLabelBug extends IllegalStateException {
    private final long address;

    JumpLabelBug(String message, long address) {
        super(message);
        this.address = address;
    }

    /** The address of the site. */
    public long address() {
        return address;
    }
}
