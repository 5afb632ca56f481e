package dev.statickeys.kotlin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.statickeys.StaticKey;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/** The Kotlin sites under test ({@code src/main/kotlin}), each with what the plain check answers. */
final class SiteCases {
    /** The keys the cases read, in the order of {@link State}'s components. */
    static final List<StaticKey> KEYS =
            List.of(Keys.A, Keys.B, Tracer.TRACING, Tracer.VERBOSE, Audited.AUDIT, KeysKt.TOP);

    /**
     * Sites per method of the compiled Kotlin ("Class.method"): every {@code isEnabled()} call right after a
     * {@code getstatic} of a key field, the pattern the agent patches. The synthetic names are the Kotlin
     * compiler's; a new Kotlin version may choose others.
     */
    static final Map<String, Integer> SITES = Map.ofEntries(
            Map.entry("Sites.ifStatement", 1),
            Map.entry("Sites.ifElseExpression", 1),
            Map.entry("Sites.whenBranches", 2),
            Map.entry("Sites.whenSubject", 1),
            Map.entry("Sites.and", 2),
            Map.entry("Sites.or", 2),
            Map.entry("Sites.not", 1),
            Map.entry("Sites.notIf", 1),
            Map.entry("Sites.whileLoop", 1),
            Map.entry("Sites.lambda$lambda$0", 1),
            Map.entry("Sites.tagged", 1),
            Map.entry("Sites.ifA", 1),
            Map.entry("Sites.inlined", 1),
            Map.entry("Sites.valueUse", 1),
            Map.entry("Sites.localFunction$inner", 1),
            Map.entry("Tracer.<init>", 1),
            Map.entry("Tracer.trace", 1),
            Map.entry("Tracer$Companion.level", 2));

    /** Checks that are not sites and stay plain: {@code Keys.BEHIND_GETTER} is read through its getter. */
    static final Map<String, Integer> PLAIN = Map.of("Sites.viaGetter", 1);

    /** One state of {@link #KEYS}. */
    record State(boolean a, boolean b, boolean tracing, boolean verbose, boolean audit, boolean top) {
        static final int COUNT = 1 << 6;
        /** The states the keys are defined with. */
        static final State INITIAL = new State(false, true, false, true, false, false);

        /** The {@code step}th state of a Gray code walk: each step flips one key. */
        static State step(int step) {
            int bits = step ^ (step >>> 1);
            return new State((bits & 1) != 0, (bits & 2) != 0, (bits & 4) != 0, (bits & 8) != 0, (bits & 16) != 0,
                    (bits & 32) != 0);
        }

        /** Puts every key in this state. */
        void apply() {
            boolean[] enabled = {a, b, tracing, verbose, audit, top};
            for (int i = 0; i < enabled.length; i++) {
                StaticKey key = KEYS.get(i);
                if (enabled[i]) {
                    key.enable();
                } else {
                    key.disable();
                }
                assertEquals(enabled[i], key.isEnabled(), key.name());
            }
        }
    }

    /** A call of Kotlin code with sites, and what it returns in a state when every check is plain. */
    record Case(String name, Supplier<Object> call, Function<State, Object> expected) {}

    static final List<Case> CASES = List.of(
            new Case("ifStatement", Sites::ifStatement, s -> s.a() ? "a" : "-"),
            new Case("ifElseExpression", Sites::ifElseExpression, s -> s.b() ? "b" : "-"),
            new Case("whenBranches", Sites::whenBranches, s -> s.a() ? "a" : s.tracing() ? "tracing" : "-"),
            new Case("whenSubject", Sites::whenSubject, s -> s.b() ? "on" : "off"),
            new Case("and", Sites::and, s -> s.a() && s.b()),
            new Case("or", Sites::or, s -> s.a() || s.top()),
            new Case("not", Sites::not, s -> !s.audit()),
            new Case("notIf", Sites::notIf, s -> s.b() ? "b" : "not b"),
            new Case("whileLoop", Sites::whileLoop, s -> s.top() ? 3 : 0),
            new Case("lambda", () -> Sites.lambda().invoke(), s -> s.audit()),
            new Case("tagged", () -> Sites.tagged("event"), s -> s.a() ? "[event]" : "event"),
            new Case("ifA", () -> Sites.ifA(() -> "on", () -> "off"), s -> s.a() ? "on" : "off"),
            new Case("inlined", Sites::inlined, s -> s.a() ? "on" : "off"),
            new Case("valueUse", Sites::valueUse, s -> s.verbose()),
            new Case("localFunction", Sites::localFunction, s -> s.top() ? "top" : "-"),
            new Case("Tracer()", () -> new Tracer().getMode(), s -> s.verbose() ? "verbose" : "quiet"),
            new Case("Tracer.trace", () -> new Tracer().trace("event"), s -> s.tracing() ? "traced event" : "event"),
            new Case("Tracer.Companion.level", Tracer.Companion::level,
                    s -> s.verbose() ? "verbose" : s.tracing() ? "trace" : "off"));

    /** Calls every case in {@code state} (already applied) and checks each answer. */
    static void checkAnswers(State state) {
        for (Case c : CASES) {
            assertEquals(c.expected().apply(state), c.call().get(), c.name() + " with " + state);
        }
    }

    private SiteCases() {}
}
