package dev.statickeys.internal.core;

/**
 * Which form a branch site takes now: the kernel's {@code jump_label_type}, written once for every
 * backend.
 *
 * <p>{@code branch} is the site's layout: true when the code that follows the site inline is the
 * key's true path ({@code static_branch_likely}; on the JVM an {@code ifeq} that jumps away when the
 * key is false), false when the inline code is the false path ({@code static_branch_unlikely}; an
 * {@code ifne} that jumps away when the key is true).
 *
 * <pre>
 *   enabled  branch   site
 *      0       0      NOP   fall through into the false path
 *      0       1      JMP   jump to the false path
 *      1       0      JMP   jump to the true path
 *      1       1      NOP   fall through into the true path
 * </pre>
 */
public enum JumpType {
    /** The site falls through (x86: a NOP of the site's size). */
    NOP,
    /** The site jumps to its target (x86: {@code jmp}; JVM: {@code goto}). */
    JMP;

    /** The form a site with layout {@code branch} takes while its key is {@code enabled}. */
    public static JumpType of(boolean enabled, boolean branch) {
        return enabled ^ branch ? JMP : NOP;
    }
}
