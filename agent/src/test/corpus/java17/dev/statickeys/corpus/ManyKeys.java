package dev.statickeys.corpus;

import static dev.statickeys.fixtures.CorpusKeys.A;
import static dev.statickeys.fixtures.CorpusKeys.B;
import static dev.statickeys.fixtures.CorpusKeys.C;
import static dev.statickeys.fixtures.CorpusKeys.n;

import dev.statickeys.StaticKey;

/** Methods with many sites of six keys (three shared, three of its own): 64 state combinations. */
public final class ManyKeys {
    public static final StaticKey D = StaticKey.defineFalse("corpus.many.d");
    public static final StaticKey E = StaticKey.defineTrue("corpus.many.e");
    public static final StaticKey F = StaticKey.defineFalse("corpus.many.f");

    private ManyKeys() {}

    /** One bit per key, each read through a different shape. */
    public static int bits() {
        int bits = 0;
        if (A.isEnabled()) {
            bits |= 1;
        }
        if (!B.isEnabled()) {
        } else {
            bits |= 2;
        }
        bits |= C.isEnabled() ? 4 : 0;
        boolean d = D.isEnabled();
        bits |= d ? 8 : 0;
        for (int i = 0; E.isEnabled() && i < 1; i++) {
            bits |= 16;
        }
        if (n(1) == 1 && F.isEnabled()) {
            bits |= 32;
        }
        return bits;
    }

    /** Every key read several times in one method, interleaved with ordinary code. */
    public static String interleaved() {
        StringBuilder r = new StringBuilder();
        for (int round = 0; round < 3; round++) {
            r.append(A.isEnabled() ? 'A' : 'a');
            r.append(B.isEnabled() ? 'B' : 'b');
            if (C.isEnabled() || D.isEnabled()) {
                r.append(round);
            }
            r.append(E.isEnabled() && !F.isEnabled() ? 'e' : '.');
            if (D.isEnabled() && round == 1) {
                r.append('D');
            } else if (F.isEnabled() && round == 2) {
                r.append('F');
            }
            r.append(A.isEnabled() ^ E.isEnabled() ? '^' : '=');
            r.append('|');
        }
        return r.toString();
    }

    /** A decision table over all six keys. */
    public static int decisionTable() {
        if (A.isEnabled() && B.isEnabled() && C.isEnabled()) {
            return D.isEnabled() ? 1 : E.isEnabled() ? 2 : F.isEnabled() ? 3 : 4;
        } else if (A.isEnabled() || !B.isEnabled()) {
            return (D.isEnabled() || E.isEnabled()) && !F.isEnabled() ? 5 : 6;
        } else if (C.isEnabled() == D.isEnabled()) {
            return E.isEnabled() == F.isEnabled() ? 7 : 8;
        }
        return 9;
    }

    /** Value sites feeding arithmetic. */
    public static int counted() {
        int count = 0;
        StaticKey[] unused = {};
        count += A.isEnabled() ? 1 : 0;
        count += B.isEnabled() ? 1 : 0;
        count += C.isEnabled() ? 1 : 0;
        count += D.isEnabled() ? 1 : 0;
        count += E.isEnabled() ? 1 : 0;
        count += F.isEnabled() ? 1 : 0;
        return count * 10 + unused.length;
    }
}
