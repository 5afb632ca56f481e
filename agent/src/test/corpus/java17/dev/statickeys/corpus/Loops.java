package dev.statickeys.corpus;

import static dev.statickeys.fixtures.CorpusKeys.A;
import static dev.statickeys.fixtures.CorpusKeys.B;
import static dev.statickeys.fixtures.CorpusKeys.C;
import static dev.statickeys.fixtures.CorpusKeys.n;

import java.util.List;

/** Sites in loop conditions and bodies. */
public final class Loops {
    private Loops() {}

    public static int whileCondition() {
        int i = 0;
        while (A.isEnabled() && i < n(4)) {
            i++;
        }
        return i;
    }

    public static int whileNegatedCondition() {
        int i = 0;
        while (!B.isEnabled() && i < n(5)) {
            i++;
        }
        return i;
    }

    public static int doWhileCondition() {
        int i = 0;
        do {
            i++;
        } while (C.isEnabled() && i < n(6));
        return i;
    }

    public static int forCondition() {
        int sum = 0;
        for (int i = 0; (A.isEnabled() || B.isEnabled()) && i < n(3); i++) {
            sum += i + 1;
        }
        return sum;
    }

    public static int siteInBody() {
        int sum = 0;
        for (int i = 0; i < n(10); i++) {
            if (A.isEnabled()) {
                sum += i;
            } else if (C.isEnabled()) {
                sum -= i;
            }
        }
        return sum;
    }

    public static String breakAndContinue() {
        StringBuilder r = new StringBuilder();
        for (String s : List.of("x", "y", "z", "w")) {
            if (s.equals("y") && B.isEnabled()) {
                continue;
            }
            if (s.equals("z") && A.isEnabled()) {
                break;
            }
            r.append(s);
        }
        return r.toString();
    }

    public static int labeledBreak() {
        int count = 0;
        outer:
        for (int i = 0; i < n(4); i++) {
            for (int j = 0; j < n(4); j++) {
                if (j == 2 && C.isEnabled()) {
                    continue outer;
                }
                if (i == 2 && B.isEnabled()) {
                    break outer;
                }
                count++;
            }
        }
        return count;
    }

    public static int infiniteLoopLeftByKey() {
        int i = 0;
        while (true) {
            i++;
            if (!A.isEnabled() || i > n(7)) {
                break;
            }
        }
        return i;
    }
}
