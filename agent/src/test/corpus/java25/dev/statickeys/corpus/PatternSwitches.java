package dev.statickeys.corpus;

import static dev.statickeys.fixtures.CorpusKeys.A;
import static dev.statickeys.fixtures.CorpusKeys.B;
import static dev.statickeys.fixtures.CorpusKeys.C;

import java.util.List;

/** Sites in pattern switches (Java 21): guards, record patterns, arms; and in unnamed-variable patterns (22). */
public final class PatternSwitches {
    private PatternSwitches() {}

    sealed interface Shape permits Circle, Square, Line {}

    record Circle(int radius) implements Shape {}

    record Square(int side) implements Shape {}

    record Line(int length, String label) implements Shape {}

    static String describe(Object value) {
        return switch (value) {
            case null -> "null";
            case String s when A.isEnabled() -> "string:a:" + s;
            case String s -> "string:" + s;
            case Integer i when i > 5 && B.isEnabled() -> "big:b";
            case Integer i -> "int:" + (C.isEnabled() ? i * 2 : i);
            default -> A.isEnabled() || C.isEnabled() ? "other:a|c" : "other";
        };
    }

    static String area(Shape shape) {
        return switch (shape) {
            case Circle(int r) when !B.isEnabled() -> "circle:!b:" + r;
            case Circle(int r) -> "circle:" + (3 * r * r);
            case Square(int side) -> C.isEnabled() ? "square:c" : "square:" + side * side;
            case Line(int length, _) when A.isEnabled() -> "line:a:" + length;
            case Line(_, String label) -> "line:" + label;
        };
    }

    public static String typePatterns() {
        StringBuilder r = new StringBuilder();
        for (Object value : new Object[] {null, "s", 7, 3, 2.5}) {
            r.append(describe(value)).append(';');
        }
        return r.toString();
    }

    public static String recordPatterns() {
        StringBuilder r = new StringBuilder();
        for (Shape shape : List.of(new Circle(2), new Square(3), new Line(4, "l"))) {
            r.append(area(shape)).append(';');
        }
        return r.toString();
    }

    public static String selectorFromSite() {
        Object value = A.isEnabled() ? (Object) "text" : (Object) 9;
        return describe(value);
    }

    public static String instanceofRecordPattern() {
        Object shape = B.isEnabled() ? new Line(5, "x") : new Circle(1);
        if (shape instanceof Line(int length, var label) && C.isEnabled()) {
            return "line:c:" + length + label;
        }
        return "no";
    }
}
