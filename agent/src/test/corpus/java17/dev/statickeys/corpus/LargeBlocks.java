package dev.statickeys.corpus;

import static dev.statickeys.fixtures.CorpusKeys.A;
import static dev.statickeys.fixtures.CorpusKeys.B;
import static dev.statickeys.fixtures.CorpusKeys.C;
import static dev.statickeys.fixtures.CorpusKeys.n;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntUnaryOperator;

/**
 * Sites guarding blocks large enough for the agent to move out of line (more than 35 bytes), in every
 * shape the move has a rule for: blocks it moves (loops, try/catch, a returned local, returns, long and
 * double locals, instance methods, constructors, nested sites) and blocks it must leave (two locals read
 * after, a return beside a fall-through, a break out of a loop, a monitor, a final field, a static
 * initializer, a value left on the stack).
 */
public final class LargeBlocks {
    private LargeBlocks() {}

    public static int oneLocalReadAfter() {
        int x = n(3);
        int r = x * 31;
        if (A.isEnabled()) {
            r = (r ^ (x + 0x1234)) * 0x5bd1e995;
            r = (r ^ (x + 0x2345)) * 0x01000193;
            r = (r ^ (x + 0x3456)) * 0x6b43a9b5;
            r = (r ^ (x + 0x4567)) * 0x7feb352d;
        }
        return r;
    }

    public static String twoLocalsReadAfter() {
        int x = n(5);
        int r = 1;
        int s = 2;
        if (B.isEnabled()) {
            r = (r ^ (x + 0x1234)) * 0x5bd1e995;
            s = (s ^ (x + 0x2345)) * 0x01000193;
            r = (r ^ (s + 0x3456)) * 0x6b43a9b5;
            s = (s ^ (r + 0x4567)) * 0x7feb352d;
        }
        return r + "/" + s;
    }

    public static int loopInside() {
        int sum = n(1);
        if (A.isEnabled()) {
            for (int i = 0; i < n(20); i++) {
                sum = sum * 31 + i;
                if ((sum & 1) == 0) {
                    sum ^= sum >>> 7;
                }
            }
            sum += n(17) * n(19);
        }
        return sum;
    }

    public static int whileAtBlockStart() {
        int[] counter = {n(0)};
        int sum = 7;
        if (C.isEnabled()) {
            while (counter[0] < n(12)) {
                sum = sum * 17 + counter[0] * counter[0];
                counter[0]++;
            }
            sum ^= n(99) * 1000 + n(5);
        }
        return sum + counter[0];
    }

    /** Two locals written inside and read after: the block stays. */
    public static int loopCounterReadAfter() {
        int i = n(0);
        int sum = 7;
        if (C.isEnabled()) {
            while (i < n(12)) {
                sum = sum * 17 + i * i;
                i++;
            }
            sum ^= n(99) * 1000 + n(5);
        }
        return sum + i;
    }

    public static String tryCatchInside() {
        String result = "start";
        if (B.isEnabled()) {
            try {
                int[] values = new int[n(2)];
                values[n(3)] = 1;
                result = "not thrown";
            } catch (ArrayIndexOutOfBoundsException e) {
                result = "caught " + e.getClass().getSimpleName() + " " + n(4);
            } finally {
                result = result + " finally " + n(5);
            }
        }
        return result;
    }

    public static String throwCaughtOutside() {
        try {
            if (A.isEnabled()) {
                List<String> names = new ArrayList<>();
                names.add("a" + n(1));
                names.add("b" + n(2));
                throw new IllegalStateException("from the block " + names + n(3));
            }
            return "not thrown";
        } catch (IllegalStateException e) {
            return "caught outside: " + e.getMessage();
        }
    }

    public static int returnsInside() {
        int x = n(9);
        if (B.isEnabled()) {
            int y = x * 31 + n(2);
            y = y * 31 + n(3);
            y = y * 31 + n(4);
            y = y * 31 + n(5);
            return y;
        }
        return -x;
    }

    public static int returnBesideFallThrough() {
        int x = n(9);
        if (A.isEnabled()) {
            x = x * 31 + n(2);
            if (x > n(100)) {
                return x;
            }
            x = x * 31 + n(3);
            x = x * 31 + n(4);
        }
        return -x;
    }

    public static String alwaysThrows() {
        if (C.isEnabled()) {
            StringBuilder message = new StringBuilder("always");
            message.append(' ').append(n(1)).append(' ').append(n(2));
            throw new UnsupportedOperationException(message.toString());
        }
        return "fine";
    }

    public static String longsAndDoubles() {
        long big = n(1_000_000) * 1_000_003L;
        double ratio = n(3) / 7.0;
        if (A.isEnabled()) {
            big = big * 31 + (long) (ratio * 1e6);
            big ^= big >>> 13;
            big = big * 0x9E3779B97F4A7C15L + n(2);
            big += (long) ratio * n(11);
        }
        double shown = ratio * 2 + big % 1000;
        return big + " " + shown;
    }

    public static String doubleReturned() {
        double d = n(2) * 0.5;
        if (B.isEnabled()) {
            d = d * 3.25 + n(7);
            d = Math.sqrt(d) + n(1) * 0.125;
            d = d * d - n(3);
            d = Math.floor(d * 1000) / 1000;
        }
        return String.valueOf(d);
    }

    public static String ifElse() {
        int x = n(4);
        String label;
        if (A.isEnabled()) {
            int y = x * 31 + n(1);
            y = y * 31 + n(2);
            y = y * 31 + n(3);
            label = "then " + y;
        } else {
            label = "else " + x;
        }
        return label;
    }

    public static String tryInThenPart() {
        String label;
        if (B.isEnabled()) {
            try {
                label = "parsed " + Integer.parseInt("x" + n(1)) + n(4);
            } catch (NumberFormatException e) {
                label = "not a number " + n(2) + e.getMessage().length();
            }
        } else {
            label = "else " + n(3);
        }
        return label;
    }

    public static int negatedSite() {
        int r = n(6);
        if (!B.isEnabled()) {
            r = (r ^ 0x1234) * 0x5bd1e995;
            r = (r ^ 0x2345) * 0x01000193;
            r = (r ^ 0x3456) * 0x6b43a9b5;
            r = (r ^ 0x4567) * 0x7feb352d;
        }
        return r;
    }

    public static String nestedSites() {
        StringBuilder out = new StringBuilder();
        if (A.isEnabled()) {
            out.append("a").append(n(1));
            if (C.isEnabled()) {
                out.append("c").append(n(2));
            }
            out.append(B.isEnabled() ? "b" : "!b").append(n(3));
            out.append("end").append(n(4));
        }
        return out.toString();
    }

    public static String twoKeysOnOneLine() {
        StringBuilder out = new StringBuilder("x");
        if (A.isEnabled() && B.isEnabled()) { out.append("ab").append(n(1)).append(n(2)).append(n(3)).append(n(4)); }
        return out.toString();
    }

    public static int breakOutOfLoop() {
        int sum = 0;
        for (int i = 0; i < n(10); i++) {
            if (C.isEnabled()) {
                sum = sum * 31 + i;
                sum ^= sum >>> 3;
                sum = sum * 31 + n(i);
                if (sum > n(1000)) {
                    break;
                }
            }
            sum++;
        }
        return sum;
    }

    public static String nullLocal() {
        String message = null;
        if (A.isEnabled()) {
            message = "built";
            message = message + n(1) + message.length();
            message = message + n(2) + message.length();
            message = message.toUpperCase() + n(3);
        }
        return String.valueOf(message);
    }

    public static int lambdaInside() {
        int r = n(2);
        if (B.isEnabled()) {
            int base = n(10);
            IntUnaryOperator f = v -> v * base + 1;
            r = f.applyAsInt(r) + f.applyAsInt(n(3));
            r = f.applyAsInt(r) * n(2);
        }
        return r;
    }

    public static String switchInside() {
        String out = "s";
        if (C.isEnabled()) {
            for (int i = 0; i < n(5); i++) {
                switch (i) {
                    case 0 -> out += "zero";
                    case 1 -> out += "one";
                    case 3 -> out += "three";
                    default -> out += i;
                }
            }
        }
        return out;
    }

    private static final Object LOCK = new Object();

    public static int synchronizedInside() {
        int r = n(1);
        if (A.isEnabled()) {
            synchronized (LOCK) {
                r = r * 31 + n(2);
                r = r * 31 + n(3);
                r = r * 31 + n(4);
            }
        }
        return r;
    }

    public static int valueOnTheStack() {
        int x = n(3);
        return n(1) + (B.isEnabled() ? x * 31 + n(2) * 17 + n(3) * 13 + n(4) * 11 + n(5) * 7 : -x);
    }

    /** An object with state: instance methods whose blocks use {@code this}, fields and private methods. */
    static final class Counter {
        private int count;
        private final String name;
        private final List<String> log = new ArrayList<>();

        Counter(String name) {
            this.name = name;
            if (C.isEnabled()) {
                count = n(100);
                log.add("made " + name + " " + count);
                count = count * 3 + n(1);
                log.add("counted " + count);
            }
        }

        /** A final field written in the block: only a constructor may do that, so the block stays. */
        Counter(int seed) {
            if (A.isEnabled()) {
                int v = seed * 31 + n(1);
                v = v * 31 + n(2);
                v = v * 31 + n(3);
                name = "seeded " + v;
            } else {
                name = "unseeded";
            }
        }

        int bump(int by) {
            if (A.isEnabled()) {
                count += by * n(3);
                log.add(name + " bumped by " + by);
                count = twice(count) + n(1);
                log.add(name + " now " + count);
            }
            return count;
        }

        private int twice(int v) {
            return v * 2;
        }

        @Override
        public String toString() {
            return name + ":" + count + log;
        }
    }

    public static String instanceMethods() {
        Counter counter = new Counter("c");
        counter.bump(2);
        counter.bump(5);
        return counter.toString();
    }

    public static String constructorWithFinalField() {
        return new Counter(7).toString();
    }

    /** A block in a static initializer: run once, it stays where it is. */
    static final class Initialized {
        static final String VALUE;

        static {
            String value = "init";
            if (B.isEnabled()) {
                value = value + n(1) + n(2) + n(3);
                value = value.toUpperCase() + value.length() + n(4);
            }
            VALUE = value;
        }
    }

    public static String staticInitializer() {
        return Initialized.VALUE;
    }
}
