package dev.statickeys.spring;

import dev.statickeys.StaticKey;

/** The keys the endpoint tests read and flip; each test class has keys of its own (keys are JVM-wide). */
final class WebKeys {
    static final StaticKey ALPHA = StaticKey.defineFalse("web.alpha");
    static final StaticKey BETA = StaticKey.defineTrue("web.beta");
    static final StaticKey FLIP = StaticKey.defineFalse("web.flip");
    /** Held by two users: disabling it is refused. */
    static final StaticKey HELD = StaticKey.defineFalse("web.held");

    static {
        HELD.increment();
        HELD.increment();
    }

    private WebKeys() {}

    /** Makes sure the class (and its keys) is initialized. */
    static void define() {
    }
}
