package dev.statickeys.agent.jvm;

/**
 * The form a class's sites take. Chosen per class: at load from the agent's {@code backend=} option, and
 * changed later only to keep a class correct (see the README, "Backends").
 */
public enum SiteForm {
    /**
     * Each site is patched in place into {@code goto} or nothing (a value site into a constant), as the
     * kernel patches a jump or a NOP. Costs nothing in any tier; a flip retransforms the class.
     */
    INLINE,
    /**
     * Each site calls its key's holder method, {@code static boolean isEnabled()} on a tiny per-key class.
     * Compiled code inlines it and folds the constant; a flip retransforms only the holder.
     */
    HOLDER,
    /** Sites stay {@code KEY.isEnabled()} calls: used when the JVM refused a patched form. */
    PLAIN
}
