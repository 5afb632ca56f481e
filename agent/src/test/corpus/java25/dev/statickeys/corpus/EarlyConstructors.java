package dev.statickeys.corpus;

import static dev.statickeys.fixtures.CorpusKeys.A;
import static dev.statickeys.fixtures.CorpusKeys.B;
import static dev.statickeys.fixtures.CorpusKeys.C;

import dev.statickeys.fixtures.CorpusKeys;

/**
 * Sites in statements before super(...) and this(...) (flexible constructor bodies, Java 25): they run
 * while this is uninitialized, and may assign fields of the class being constructed.
 */
public final class EarlyConstructors {
    private EarlyConstructors() {}

    static class Base {
        final String fromSuper;

        Base(String fromSuper) {
            this.fromSuper = fromSuper;
        }
    }

    static final class Early extends Base {
        private final String early;

        Early(String name) {
            String prefix;
            if (A.isEnabled()) {
                prefix = "a:";
            } else {
                prefix = "";
            }
            if (name.isEmpty() && !B.isEnabled()) {
                throw new IllegalArgumentException("empty name while b is off");
            }
            early = C.isEnabled() ? "early:c" : "early";
            super(prefix + name);
        }

        Early() {
            boolean b = B.isEnabled();
            this(b ? "b" : "");
        }

        /** A large guarded block before super(...): this is uninitialized there, so the block stays. */
        Early(int seed) {
            int v = seed;
            if (C.isEnabled()) {
                v = v * 31 + CorpusKeys.n(1);
                v = v * 31 + CorpusKeys.n(2);
                v = v * 31 + CorpusKeys.n(3);
                v = v * 31 + CorpusKeys.n(4);
            }
            early = "seeded";
            super("large:" + v);
        }

        @Override
        public String toString() {
            return fromSuper + "," + early;
        }
    }

    public static String beforeSuper() {
        return new Early("x").toString();
    }

    public static String largeBlockBeforeSuper() {
        return new Early(7).toString();
    }

    public static String beforeThis() {
        return new Early().toString();
    }
}
