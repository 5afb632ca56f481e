package dev.statickeys.internal.core;

import java.util.Map;

/**
 * The narrow hook between the generic core and one architecture's patching: the kernel's
 * {@code arch_jump_label_transform_queue}/{@code _apply} pair, as one call. The JVM backends retransform
 * the classes holding sites of the keys; the x86 simulation rewrites jump and NOP instructions in an
 * image.
 */
public interface Backend {
    /**
     * Brings every site of the keys in {@code states} in line with the state given for it (the key's new
     * applied state), in one operation. Called
     * with the flip lock held, only with keys whose applied state just changed. Must not throw for a
     * site that cannot be patched when the rest can: such a site is reported and, where the architecture
     * allows, keeps working. A backend that verifies sites before writing (as the kernel does) may throw
     * when verification fails, but only before it has written anything: the core then puts the keys'
     * applied states back.
     */
    void update(Map<String, Boolean> states);
}
