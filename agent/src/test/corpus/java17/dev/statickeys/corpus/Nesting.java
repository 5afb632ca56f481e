package dev.statickeys.corpus;

import static dev.statickeys.fixtures.CorpusKeys.A;
import static dev.statickeys.fixtures.CorpusKeys.B;
import static dev.statickeys.fixtures.CorpusKeys.C;

import java.util.function.Supplier;

/** Sites in static nested, inner, local and anonymous classes, and classes nested three deep. */
public final class Nesting {
    private final String outer = "outer";

    private Nesting() {}

    static final class StaticNested {
        static String value() {
            return A.isEnabled() ? "nested:a" : "nested";
        }

        static final class Deeper {
            static final class Deepest {
                String value() {
                    return B.isEnabled() && C.isEnabled() ? "deep:bc" : "deep";
                }
            }
        }
    }

    final class Inner {
        String value() {
            return outer + (B.isEnabled() ? ":b" : "");
        }
    }

    public static String staticNested() {
        return StaticNested.value();
    }

    public static String deepest() {
        return new StaticNested.Deeper.Deepest().value();
    }

    public static String inner() {
        return new Nesting().new Inner().value();
    }

    public static String local() {
        final class Local {
            final String value = C.isEnabled() ? "local:c" : "local";
        }
        return new Local().value;
    }

    public static String anonymousInAnonymous() {
        Supplier<Supplier<String>> outer = new Supplier<>() {
            @Override
            public Supplier<String> get() {
                String first = A.isEnabled() ? "a" : "-";
                return new Supplier<>() {
                    @Override
                    public String get() {
                        return first + (B.isEnabled() ? "b" : "-");
                    }
                };
            }
        };
        return outer.get().get();
    }

    public static String lambdaInLocalClass() {
        class Local {
            Supplier<String> supplier() {
                return () -> C.isEnabled() ? "c" : "-";
            }
        }
        return new Local().supplier().get();
    }
}
