package dev.statickeys.corpus;

import static dev.statickeys.fixtures.CorpusKeys.A;
import static dev.statickeys.fixtures.CorpusKeys.B;
import static dev.statickeys.fixtures.CorpusKeys.C;
import static dev.statickeys.fixtures.CorpusKeys.n;
import static dev.statickeys.fixtures.CorpusKeys.yes;

/** Conditions: if, else, negation, short-circuit chains mixing keys and ordinary conditions, ternaries. */
public final class Branches {
    private Branches() {}

    public static String ifThen() {
        String r = "-";
        if (A.isEnabled()) {
            r = "a";
        }
        return r;
    }

    public static String ifElseChain() {
        if (A.isEnabled()) {
            return "a";
        } else if (B.isEnabled()) {
            return "b";
        } else if (C.isEnabled()) {
            return "c";
        } else {
            return "none";
        }
    }

    public static String negated() {
        if (!A.isEnabled()) {
            return "not a";
        }
        return "a";
    }

    public static String doubleNegated() {
        boolean notA = !A.isEnabled();
        if (!notA) {
            return "a";
        }
        return "not a";
    }

    public static String andOfKeys() {
        return A.isEnabled() && B.isEnabled() ? "ab" : "-";
    }

    public static String orOfKeys() {
        return A.isEnabled() || B.isEnabled() ? "a|b" : "-";
    }

    public static String mixedChain() {
        int x = n(3);
        if ((A.isEnabled() && x > 2) || (!B.isEnabled() && x < 10) || (C.isEnabled() && yes())) {
            return "taken";
        }
        return "not taken";
    }

    public static String keyLastInChain() {
        if (yes() && n(2) == 2 && !C.isEnabled()) {
            return "taken";
        }
        return "not taken";
    }

    public static String nestedIfs() {
        StringBuilder r = new StringBuilder();
        if (A.isEnabled()) {
            r.append('a');
            if (B.isEnabled()) {
                r.append('b');
                if (!C.isEnabled()) {
                    r.append("!c");
                }
            } else {
                r.append("!b");
            }
        }
        return r.toString();
    }

    public static int nestedTernary() {
        return A.isEnabled() ? (B.isEnabled() ? 1 : 2) : (C.isEnabled() ? 3 : 4);
    }

    public static String ternaryInConcatenation() {
        return "[" + (A.isEnabled() ? "a" : "") + (B.isEnabled() ? 'b' : '-') + (C.isEnabled() ? 3 : 0) + "]";
    }

    public static long ternaryOfWideValues() {
        long base = n(10);
        double scale = n(2);
        return A.isEnabled() ? base * (long) scale : (long) (base / scale);
    }

    public static int ternaryAsIndex() {
        int[] values = {10, 20};
        return values[B.isEnabled() ? 1 : 0];
    }

    public static boolean valueAnd() {
        return A.isEnabled() & B.isEnabled();
    }

    public static boolean valueXor() {
        return A.isEnabled() ^ C.isEnabled();
    }

    public static boolean valueComparedWithBoolean() {
        boolean expected = yes();
        return B.isEnabled() == expected;
    }

    public static String valueAsArguments() {
        return String.format("%s/%s/%s", A.isEnabled(), B.isEnabled(), C.isEnabled());
    }

    public static int valueStoredInArray() {
        boolean[] states = {A.isEnabled(), B.isEnabled(), C.isEnabled()};
        int bits = 0;
        for (int i = 0; i < states.length; i++) {
            bits |= states[i] ? 1 << i : 0;
        }
        return bits;
    }

    private static boolean instanceValue;

    public static boolean valueInField() {
        instanceValue = !B.isEnabled();
        return instanceValue;
    }

    public static String earlyReturns() {
        if (A.isEnabled()) {
            return "a";
        }
        if (B.isEnabled()) {
            return "b";
        }
        if (C.isEnabled()) {
            return "c";
        }
        return "none";
    }

    public static String withInstanceofPattern() {
        Object value = n(1) == 1 ? "text" : (Object) 7;
        if (value instanceof String s && A.isEnabled()) {
            return "a:" + s;
        }
        if (!(value instanceof String s) || !B.isEnabled()) {
            return "other";
        }
        return "b:" + s.length();
    }

    public static String dynamicMutableKey() {
        return dev.statickeys.fixtures.CorpusKeys.mutable.isEnabled() ? "a" : "-";
    }

    public static String dynamicKeyInLocal() {
        dev.statickeys.StaticKey key = n(1) == 1 ? A : B;
        return key.isEnabled() ? "on" : "off";
    }
}
