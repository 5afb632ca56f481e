package dev.statickeys.corpus;

import static dev.statickeys.fixtures.CorpusKeys.A;
import static dev.statickeys.fixtures.CorpusKeys.B;
import static dev.statickeys.fixtures.CorpusKeys.C;
import static dev.statickeys.fixtures.CorpusKeys.n;

import java.util.concurrent.TimeUnit;

/** Sites around switch statements and expressions (Java 14 forms; pattern switches are in the java25 corpus). */
public final class Switches {
    private Switches() {}

    public static String siteInCases() {
        StringBuilder r = new StringBuilder();
        for (int i = 0; i < 4; i++) {
            switch (n(i)) {
                case 0:
                    if (A.isEnabled()) {
                        r.append("a");
                        break;
                    }
                    // fall through
                case 1:
                    r.append(B.isEnabled() ? "b" : "!b");
                    break;
                case 2:
                    if (C.isEnabled()) {
                        r.append("c");
                    }
                    break;
                default:
                    r.append('.');
            }
        }
        return r.toString();
    }

    public static int selectorFromSite() {
        switch (A.isEnabled() ? 1 : B.isEnabled() ? 2 : 3) {
            case 1: return 10;
            case 2: return 20;
            default: return 30;
        }
    }

    public static String switchExpressionArms() {
        return switch (n(2)) {
            case 1 -> "one";
            case 2 -> A.isEnabled() ? "two+a" : "two";
            default -> {
                if (C.isEnabled()) {
                    yield "c";
                }
                yield "other";
            }
        };
    }

    public static String switchOnString() {
        String mode = B.isEnabled() ? "fast" : "slow";
        return switch (mode) {
            case "fast" -> C.isEnabled() ? "fast+c" : "fast";
            case "slow" -> "slow";
            default -> "?";
        };
    }

    public static String switchOnEnum() {
        TimeUnit unit = A.isEnabled() ? TimeUnit.SECONDS : TimeUnit.MINUTES;
        switch (unit) {
            case SECONDS:
                return B.isEnabled() ? "s+b" : "s";
            case MINUTES:
                return C.isEnabled() ? "m+c" : "m";
            default:
                return "?";
        }
    }

    public static String guardBeforeSwitch() {
        int value = n(3);
        if (A.isEnabled()) {
            return "skipped";
        }
        switch (value) {
            case 3: return B.isEnabled() ? "3b" : "3";
            default: return "d";
        }
    }
}
