package dev.statickeys.corpus;

import static dev.statickeys.fixtures.CorpusKeys.A;
import static dev.statickeys.fixtures.CorpusKeys.B;
import static dev.statickeys.fixtures.CorpusKeys.C;
import static dev.statickeys.fixtures.CorpusKeys.n;

import java.io.Closeable;
import java.util.ArrayList;
import java.util.List;

/** Sites in try blocks, catch handlers, finally blocks (javac copies them per exit), try-with-resources. */
public final class Exceptions {
    private Exceptions() {}

    public static String inEachPart() {
        List<String> trace = new ArrayList<>();
        try {
            if (A.isEnabled()) {
                trace.add("try:a");
            }
            if (n(1) == 1) {
                throw new IllegalStateException("x");
            }
        } catch (IllegalStateException e) {
            trace.add(B.isEnabled() ? "catch:b" : "catch");
        } finally {
            if (C.isEnabled()) {
                trace.add("finally:c");
            } else {
                trace.add("finally");
            }
        }
        return trace.toString();
    }

    public static String finallyOnEveryExit() {
        List<String> trace = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            trace.add(exit(i));
        }
        return trace.toString();
    }

    private static String last = "";

    private static String exit(int how) {
        try {
            if (how == 0) {
                return "returned";
            }
            if (how == 1) {
                throw new IllegalArgumentException();
            }
        } catch (IllegalArgumentException e) {
            return "caught";
        } finally {
            last = A.isEnabled() ? "fa" : "f";
        }
        return "fell:" + last;
    }

    public static String siteDecidesTheThrow() {
        try {
            if (B.isEnabled()) {
                throw new UnsupportedOperationException("b");
            }
            return "no throw";
        } catch (UnsupportedOperationException | IllegalStateException e) {
            return "caught " + e.getMessage() + (C.isEnabled() ? "+c" : "");
        }
    }

    public static String nestedTry() {
        StringBuilder r = new StringBuilder();
        try {
            try {
                r.append(A.isEnabled() ? "A" : "a");
                throw new RuntimeException();
            } finally {
                r.append(B.isEnabled() ? "B" : "b");
            }
        } catch (RuntimeException e) {
            r.append(C.isEnabled() ? "C" : "c");
        }
        return r.toString();
    }

    public static String tryWithResources() throws Exception {
        List<String> trace = new ArrayList<>();
        try (Closeable first = () -> trace.add(A.isEnabled() ? "close1:a" : "close1");
                Closeable second = () -> trace.add("close2")) {
            trace.add(B.isEnabled() ? "body:b" : "body");
        }
        return trace.toString();
    }

    public static String uncaughtOutcome() {
        if (A.isEnabled()) {
            throw new IllegalStateException("a is on");
        }
        return "a is off";
    }

    public static synchronized String synchronizedMethod() {
        return A.isEnabled() ? "sync:a" : "sync";
    }

    private static final Object LOCK = new Object();

    public static String synchronizedBlock() {
        synchronized (LOCK) {
            if (B.isEnabled()) {
                return "locked:b";
            }
            synchronized (Exceptions.class) {
                return C.isEnabled() ? "nested:c" : "nested";
            }
        }
    }
}
