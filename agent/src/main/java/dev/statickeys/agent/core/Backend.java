package dev.statickeys.agent.core;

import java.util.List;

/**
 * The narrow hook between the generic core and one way of patching (the kernel's
 * {@code arch_jump_label_transform_queue}/{@code _apply} pair, as one call): bring every site in the
 * given classes in line with the keys' applied states.
 */
public interface Backend {
    /**
     * Re-patches {@code classes} in one operation. Called with the flip lock held. Must not throw:
     * a class that cannot be patched is reported and keeps working as plain checks where possible.
     */
    void repatch(List<Class<?>> classes);
}
