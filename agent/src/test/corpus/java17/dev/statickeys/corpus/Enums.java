package dev.statickeys.corpus;

import static dev.statickeys.fixtures.CorpusKeys.A;
import static dev.statickeys.fixtures.CorpusKeys.B;
import static dev.statickeys.fixtures.CorpusKeys.C;

import dev.statickeys.StaticKey;

/** Sites in enums: constructors, constant bodies (their own classes), methods; an enum's own key. */
public enum Enums {
    PLAIN("plain"),
    SPECIAL(B.isEnabled() ? "special:b" : "special") {
        @Override
        String label() {
            return C.isEnabled() ? "override:c" : super.label();
        }
    };

    public static final StaticKey OWN = StaticKey.defineTrue("corpus.enums.own");

    private final String text;

    Enums(String text) {
        this.text = A.isEnabled() ? text + "+a" : text;
    }

    String label() {
        return OWN.isEnabled() ? "own:" + text : text;
    }

    public static String labels() {
        StringBuilder r = new StringBuilder();
        for (Enums e : values()) {
            r.append(e.label()).append(';');
        }
        return r.toString();
    }

    public static String switchOnConstant() {
        Enums e = A.isEnabled() ? SPECIAL : PLAIN;
        switch (e) {
            case PLAIN:
                return B.isEnabled() ? "plain:b" : "plain";
            case SPECIAL:
                return OWN.isEnabled() ? "special:own" : "special";
            default:
                throw new AssertionError(e);
        }
    }
}
