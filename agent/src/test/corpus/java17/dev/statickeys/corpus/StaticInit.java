package dev.statickeys.corpus;

import static dev.statickeys.fixtures.CorpusKeys.A;
import static dev.statickeys.fixtures.CorpusKeys.B;
import static dev.statickeys.fixtures.CorpusKeys.C;

import dev.statickeys.StaticKey;

/**
 * Sites in static initializers, and a key of the class's own: the agent prepends its hook to a
 * static initializer that has sites itself.
 */
public final class StaticInit {
    public static final StaticKey OWN = StaticKey.defineTrue("corpus.static-init.own");
    private static final String AT_INIT;
    private static final int COMPUTED = A.isEnabled() ? 1 : 2;

    static {
        String s = B.isEnabled() ? "b" : "-";
        if (C.isEnabled()) {
            s += "c";
        }
        AT_INIT = s + (OWN.isEnabled() ? "own" : "");
    }

    private StaticInit() {}

    public static String atInit() {
        return AT_INIT + COMPUTED;
    }

    public static String ownKey() {
        return OWN.isEnabled() ? "own" : "-";
    }

    public static String ownAndShared() {
        return OWN.isEnabled() && !A.isEnabled() ? "own!a" : "other";
    }

    static final class Holder {
        static final String LAZY = C.isEnabled() ? "lazy:c" : "lazy";
    }

    public static String nestedStaticInit() {
        return Holder.LAZY;
    }
}
