package dev.statickeys.corpus;

import static dev.statickeys.fixtures.CorpusKeys.A;
import static dev.statickeys.fixtures.CorpusKeys.B;
import static dev.statickeys.fixtures.CorpusKeys.C;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Sites in generic methods and classes, bridge methods and bounded type variables. */
public final class Generics {
    private Generics() {}

    static <T> T pick(T first, T second) {
        return A.isEnabled() ? first : second;
    }

    static <T extends Comparable<? super T>> T max(List<? extends T> values) {
        T best = null;
        for (T value : values) {
            if (best == null || (B.isEnabled() ? value.compareTo(best) > 0 : value.compareTo(best) < 0)) {
                best = value;
            }
        }
        return best;
    }

    static final class Box<T extends CharSequence> implements Comparable<Box<T>> {
        final T value;

        Box(T value) {
            this.value = value;
        }

        @Override
        public int compareTo(Box<T> other) { // javac adds a bridge compareTo(Object)
            int order = Integer.compare(value.length(), other.value.length());
            return C.isEnabled() ? -order : order;
        }
    }

    public static String genericMethod() {
        return pick("first", "second") + pick(1, 2);
    }

    public static String boundedGeneric() {
        return max(List.of(3, 1, 2)) + "/" + max(List.of("b", "c", "a"));
    }

    public static String viaBridge() {
        List<Box<String>> boxes = new ArrayList<>(List.of(new Box<>("ccc"), new Box<>("a"), new Box<>("bb")));
        boxes.sort(Comparator.naturalOrder());
        StringBuilder r = new StringBuilder();
        for (Box<String> box : boxes) {
            r.append(box.value).append(' ');
        }
        return r.toString().trim();
    }
}
