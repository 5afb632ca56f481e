package dev.statickeys.corpus;

import static dev.statickeys.fixtures.CorpusKeys.A;
import static dev.statickeys.fixtures.CorpusKeys.B;
import static dev.statickeys.fixtures.CorpusKeys.C;

/**
 * Sites in constructors: the body, field initializers and instance initializer blocks (javac copies
 * them into each constructor calling super), and arguments of this(...) and super(...), evaluated while
 * the frame holds an uninitialized this.
 */
public final class Constructors {
    private Constructors() {}

    static class Base {
        final String fromSuper;

        Base(String fromSuper) {
            this.fromSuper = fromSuper;
        }
    }

    static final class Built extends Base {
        final String field = A.isEnabled() ? "field:a" : "field";
        String block;
        final String body;

        {
            block = B.isEnabled() ? "block:b" : "block";
        }

        Built() {
            super(C.isEnabled() ? "super:c" : "super");
            body = A.isEnabled() && !B.isEnabled() ? "body:a!b" : "body";
        }

        Built(int unused) {
            this(A.isEnabled() ? "this:a" : "this", B.isEnabled());
        }

        Built(String viaThis, boolean b) {
            super(viaThis + (b ? "+b" : ""));
            body = "second";
        }

        @Override
        public String toString() {
            return String.join(",", fromSuper, field, block, body);
        }
    }

    public static String viaSuper() {
        return new Built().toString();
    }

    public static String viaThis() {
        return new Built(0).toString();
    }

    public static String newInArgument() {
        return String.valueOf(new StringBuilder(C.isEnabled() ? "c" : "-").append(A.isEnabled() ? 'a' : '-'));
    }
}
