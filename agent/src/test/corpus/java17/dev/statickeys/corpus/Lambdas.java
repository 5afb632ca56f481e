package dev.statickeys.corpus;

import static dev.statickeys.fixtures.CorpusKeys.A;
import static dev.statickeys.fixtures.CorpusKeys.B;
import static dev.statickeys.fixtures.CorpusKeys.C;

import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/** Sites in lambda bodies (javac's private synthetic methods) and in methods used as method references. */
public final class Lambdas {
    private Lambdas() {}

    public static String lambda() {
        Supplier<String> s = () -> A.isEnabled() ? "a" : "-";
        return s.get();
    }

    public static String capturingLambda() {
        String prefix = String.valueOf(B.isEnabled());
        Function<String, String> f = x -> prefix + ":" + (C.isEnabled() ? x.toUpperCase() : x);
        return f.apply("v");
    }

    public static String lambdaInLambda() {
        Supplier<Supplier<String>> outer = () -> {
            String first = A.isEnabled() ? "a" : "-";
            return () -> first + (B.isEnabled() ? "b" : "-");
        };
        return outer.get().get();
    }

    public static String methodReference() {
        Function<Integer, String> f = Lambdas::describe;
        return f.apply(2);
    }

    private static String describe(int x) {
        return (C.isEnabled() ? "c" : "") + x;
    }

    public static String streamFilter() {
        return List.of(1, 2, 3, 4).stream()
                .filter(x -> x % 2 == 0 || A.isEnabled())
                .map(x -> B.isEnabled() ? x * 10 : x)
                .map(String::valueOf)
                .collect(Collectors.joining(","));
    }

    public static boolean dynamicIsEnabledAsMethodReference() {
        BooleanSupplier s = A::isEnabled;
        return s.getAsBoolean();
    }

    public static String anonymousClass() {
        Supplier<String> s = new Supplier<>() {
            @Override
            public String get() {
                return C.isEnabled() ? "anon:c" : "anon";
            }
        };
        return s.get();
    }
}
