package dev.statickeys.corpus;

import static dev.statickeys.fixtures.CorpusKeys.A;
import static dev.statickeys.fixtures.CorpusKeys.B;
import static dev.statickeys.fixtures.CorpusKeys.C;

import dev.statickeys.StaticKey;

/** Sites in records: compact and canonical constructors, accessors, static factories; a record's own key. */
public record Records(String name, int size) {
    public static final StaticKey OWN = StaticKey.defineFalse("corpus.records.own");

    public Records {
        if (A.isEnabled()) {
            name = name.toUpperCase();
        }
        if (size < 0 && !B.isEnabled()) {
            size = 0;
        }
    }

    @Override
    public String name() {
        return OWN.isEnabled() ? "own:" + name : name;
    }

    public static Records of(String name) {
        return new Records(name, C.isEnabled() ? 3 : -1);
    }

    record Pair(Records left, Records right) {
        Pair {
            if (OWN.isEnabled()) {
                Records swap = left;
                left = right;
                right = swap;
            }
        }
    }

    public static String compact() {
        return of("r").toString();
    }

    public static String accessor() {
        return of("s").name();
    }

    public static String nested() {
        return new Pair(of("l"), of("r")).toString();
    }
}
