package dev.statickeys.it;

import dev.statickeys.StaticKey;

/**
 * A main for forked JVMs with {@code NestingAgent} beside statickeys: flipping {@link #OUTER} retransforms
 * a class, and the other agent's transformer enables {@link #INNER} on the same thread, during the
 * patch. Prints the inner key's state and site after, and after a later enable and disable.
 */
public final class NestedFlipMain {
    static final StaticKey OUTER = StaticKey.defineFalse("nested.outer");
    static final StaticKey INNER = StaticKey.defineFalse("nested.inner");

    private NestedFlipMain() {}

    /** Sites of both keys. */
    public static final class Sites {
        private Sites() {}

        public static boolean outer() {
            return OUTER.isEnabled();
        }

        public static boolean inner() {
            return INNER.isEnabled();
        }
    }

    public static void main(String[] args) {
        Sites.outer();
        Sites.inner();
        OUTER.enable();
        System.out.println("after outer: inner count " + INNER.count() + ", site " + Sites.inner());
        INNER.enable();
        System.out.println("after enable: inner count " + INNER.count() + ", site " + Sites.inner());
        INNER.disable();
        System.out.println("after disable: inner count " + INNER.count() + ", site " + Sites.inner());
    }
}
