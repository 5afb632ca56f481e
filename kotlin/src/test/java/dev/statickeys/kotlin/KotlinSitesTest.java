package dev.statickeys.kotlin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.statickeys.StaticKeys;
import dev.statickeys.kotlin.SiteCases.State;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The Kotlin code without the agent, and the shape the Kotlin compiler gave it. */
class KotlinSitesTest {
    @Test
    void withoutTheAgentEverySiteAnswersAsThePlainCheckInEveryState() {
        assertFalse(StaticKeys.agentActive());
        for (int step = 0; step < State.COUNT; step++) {
            State state = State.step(step);
            state.apply();
            SiteCases.checkAnswers(state);
        }
        State.INITIAL.apply();
    }

    @Test
    void theKotlinCompilerWritesEveryFormAsASiteReadingTheKeyField() {
        Map<String, Integer> sites = new TreeMap<>();
        Map<String, Integer> plain = new TreeMap<>();
        for (ClassFile compiled : ClassFile.compiled()) {
            Map<String, Integer> calls = compiled.isEnabledCalls();
            compiled.sites().forEach((method, count) -> {
                String where = compiled.simpleName() + "." + method;
                if (count > 0) {
                    sites.put(where, count);
                }
                if (calls.get(method) > count) {
                    plain.put(where, calls.get(method) - count);
                }
            });
        }
        assertEquals(new TreeMap<>(SiteCases.SITES), sites, "sites per method (a new Kotlin compiler?)");
        assertEquals(new TreeMap<>(SiteCases.PLAIN), plain, "isEnabled() calls that are not sites");
    }

    @Test
    void aKeyWithADeclaredTypeIsStoredAfterKotlinsNullCheckAndAnInferredOneDirectly() {
        assertStores("Keys", "B", List.of("ldc kotlin.object.b", "invokestatic dev/statickeys/StaticKey.defineTrue",
                "dup", "ldc defineTrue(...)", "invokestatic kotlin/jvm/internal/Intrinsics.checkNotNullExpressionValue",
                "putstatic dev/statickeys/kotlin/Keys.B"));
        assertStores("Tracer", "VERBOSE", List.of("ldc kotlin.companion.verbose",
                "invokestatic dev/statickeys/StaticKey.defineTrue", "dup", "ldc defineTrue(...)",
                "invokestatic kotlin/jvm/internal/Intrinsics.checkNotNullExpressionValue",
                "putstatic dev/statickeys/kotlin/Tracer.VERBOSE"));
        assertStores("Keys", "A", List.of("ldc kotlin.object.a", "invokestatic dev/statickeys/StaticKey.defineFalse",
                "putstatic dev/statickeys/kotlin/Keys.A"));
        assertStores("Tracer", "TRACING", List.of("ldc kotlin.companion.tracing",
                "invokestatic dev/statickeys/StaticKey.defineFalse", "putstatic dev/statickeys/kotlin/Tracer.TRACING"));
        assertStores("Audited", "AUDIT", List.of("ldc kotlin.interface.audit",
                "invokestatic dev/statickeys/StaticKey.defineFalse", "putstatic dev/statickeys/kotlin/Audited.AUDIT"));
        assertStores("KeysKt", "TOP", List.of("ldc kotlin.top", "invokestatic dev/statickeys/StaticKey.defineFalse",
                "putstatic dev/statickeys/kotlin/KeysKt.TOP"));
    }

    private static void assertStores(String owner, String field, List<String> instructions) {
        ClassFile compiled = ClassFile.compiled().stream().filter(c -> c.simpleName().equals(owner)).findFirst()
                .orElseThrow();
        List<String> clinit = compiled.instructions("<clinit>");
        assertTrue(Collections.indexOfSubList(clinit, instructions) >= 0,
                owner + "." + field + " is not stored as expected: " + clinit);
    }
}
