package dev.statickeys.agent.core;

import java.util.List;

/**
 * The narrow hook between the generic core and one architecture's patching: the kernel's
 * {@code arch_jump_label_transform_queue}/{@code _apply} pair, as one call. The JVM backends retransform
 * the classes holding sites of the keys; the x86 simulation rewrites jump and NOP instructions in an
 * image.
 */
public interface Backend {
    /**
     * Brings every site of {@code keys} in line with the keys' applied states, in one operation. Called
     * with the flip lock held, only with keys whose applied state just changed. Must not throw for a
     * site that cannot be patched when the rest can: such a site is reported and, where the architecture
     * allows, keeps working.
     */
    void update(List<String> keys);
}
