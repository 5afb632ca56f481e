package dev.statickeys.kotlin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.statickeys.StaticKeys;
import dev.statickeys.kotlin.SiteCases.State;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Kotlin code under the agent, once per backend (see the POM), as users run it. */
class KotlinSitesIT {
    private static final boolean HOLDER = "holder".equals(System.getProperty("it.statickeys.backend"));

    @Test
    void everyKotlinSiteFollowsEveryStateAndKeepsNoCheckInTheBytecode() {
        assertTrue(StaticKeys.agentActive());
        List<ClassFile> withSites = ClassFile.compiled().stream()
                .filter(c -> c.sites().values().stream().anyMatch(n -> n > 0)).toList();
        assertEquals(List.of("Sites", "Tracer$Companion", "Tracer"),
                withSites.stream().map(ClassFile::simpleName).toList());
        for (int step = 0; step < State.COUNT; step++) {
            State state = State.step(step);
            state.apply();
            SiteCases.checkAnswers(state);
            for (ClassFile original : withSites) {
                assertPatched(original, ClassFile.dumped(original.internalName()), state);
            }
        }
        State.INITIAL.apply();
    }

    @Test
    void aKeyBehindAGetterStaysAPlainCheckThatFollowsFlips() {
        Keys.INSTANCE.getBEHIND_GETTER().enable();
        assertTrue(Sites.viaGetter());
        Keys.INSTANCE.getBEHIND_GETTER().disable();
        assertFalse(Sites.viaGetter());
        assertEquals(1, ClassFile.dumped("dev/statickeys/kotlin/Sites").isEnabledCalls().get("viaGetter"));
    }

    /** Every site of {@code original} is patched in {@code dumped}: no key load, no call left, a holder call instead. */
    private static void assertPatched(ClassFile original, ClassFile dumped, State state) {
        Map<String, Integer> calls = dumped.isEnabledCalls();
        Map<String, Integer> loads = dumped.keyLoads();
        Map<String, Integer> holderCalls = dumped.holderCalls();
        Map<String, Integer> originalLoads = original.keyLoads();
        original.sites().forEach((method, sites) -> {
            String where = original.simpleName() + "." + method + " with " + state;
            assertEquals(SiteCases.PLAIN.getOrDefault(original.simpleName() + "." + method, 0), calls.get(method),
                    "isEnabled() calls left in " + where);
            assertEquals(originalLoads.get(method) - sites, loads.get(method), "key loads left in " + where);
            assertEquals(HOLDER ? sites : 0, holderCalls.get(method), "holder calls in " + where);
        });
    }
}
