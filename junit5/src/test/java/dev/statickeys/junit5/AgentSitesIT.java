package dev.statickeys.junit5;

import static dev.statickeys.junit5.Fixtures.assertAllSucceeded;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.statickeys.StaticKey;
import dev.statickeys.StaticKeys;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Run by failsafe in a JVM started with the agent: the fixtures' sites are patched in the bytecode and
 * follow the annotated and switched states, and one test's flips are one patch operation each way.
 */
class AgentSitesIT {
    static final String TRACING = "AgentSitesIT.tracing";
    static final String FAST = "AgentSitesIT.fast";
    static final StaticKey TRACING_KEY = StaticKey.defineFalse(TRACING);
    static final StaticKey FAST_KEY = StaticKey.defineTrue(FAST);

    static String tracing() {
        if (TRACING_KEY.isEnabled()) {
            return "on";
        }
        return "off";
    }

    static String fast() {
        if (FAST_KEY.isEnabled()) {
            return "on";
        }
        return "off";
    }

    /** The agent's count of patch operations (retransformClasses calls) so far. */
    static long patchOperations() throws ReflectiveOperationException {
        Class<?> bridge = Class.forName("dev.statickeys.agent.boot.Bridge", true, ClassLoader.getSystemClassLoader());
        @SuppressWarnings("unchecked")
        Map<String, Long> statistics = (Map<String, Long>) bridge.getMethod("statistics").invoke(null);
        return statistics.get("patchOperations");
    }

    @Test
    void theseTestsRunUnderTheAgent() {
        assertTrue(StaticKeys.agentActive(), "failsafe starts this JVM with -javaagent");
    }

    @Test
    void theAttachListenerSawTheJavaagentAndLoadedNothing() {
        assertEquals(new AgentAttach.Outcome(AgentAttach.Result.STARTED_WITH_AGENT, null), AgentAttach.decided());
    }

    static class Annotated {
        @Test
        @EnableKeys(TRACING)
        @DisableKeys(FAST)
        void sitesFollowTheAnnotations() {
            assertEquals("on", tracing());
            assertEquals("off", fast());
        }

        @Test
        void sitesShowTheDefinitionsWithoutAnnotations() {
            assertEquals("off", tracing());
            assertEquals("on", fast());
        }

        @Test
        @WithStaticKeys
        void sitesFollowTheSwitch(KeySwitch keys) {
            keys.enable(TRACING);
            assertEquals("on", tracing());
            keys.disable(FAST);
            assertEquals("off", fast());
            keys.disable(TRACING);
            assertEquals("off", tracing());
        }
    }

    @Test
    void patchedSitesFollowTheAnnotatedAndSwitchedStates() {
        assertAllSucceeded(Fixtures.run(Annotated.class), 3);
        assertEquals("off", tracing());
        assertEquals("on", fast());
    }

    static final String LATE = "AgentSitesIT.late";

    static class LateClass {
        @Test
        @EnableKeys(LATE)
        void aClassFirstLoadedDuringTheTestIsPatchedToThePreset() {
            assertEquals("on", AgentLateSites.late());
        }
    }

    @Test
    void sitesOfAClassLoadedDuringTheTestStartInTheRequestedState() {
        assertTrue(StaticKeys.find(LATE).isEmpty(), "nothing has loaded AgentLateSites yet");
        assertAllSucceeded(Fixtures.run(LateClass.class), 1);
        assertEquals("off", AgentLateSites.late());
    }

    static final String SITES_ONLY = "AgentSitesIT.sitesOnly";

    static class SitesOnly {
        @Test
        @EnableKeys(SITES_ONLY)
        void aKeyKnownFromSitesIsFlippedLikeADefinedOne() {
            assertEquals("on", AgentKnownSites.site());
        }
    }

    @Test
    void aKeyKnownOnlyFromLoadedSitesIsFoundFlippedAndRestored() throws ClassNotFoundException {
        // Loading (not initializing) the class makes the agent read its sites; no class defines the key yet.
        Class.forName(AgentKnownSites.class.getName(), false, getClass().getClassLoader());
        assertEquals(0, StaticKeys.find(SITES_ONLY).orElseThrow().count());
        assertAllSucceeded(Fixtures.run(SitesOnly.class), 1);
        assertEquals(0, StaticKeys.find(SITES_ONLY).orElseThrow().count());
        assertEquals("off", AgentKnownSites.site());
    }

    static final AtomicLong PATCHES_AT_TEST_START = new AtomicLong();

    static class TwoFlips {
        @Test
        @EnableKeys(TRACING)
        @DisableKeys(FAST)
        void recordsThePatchOperations() throws ReflectiveOperationException {
            PATCHES_AT_TEST_START.set(patchOperations());
            assertEquals("on", tracing());
            assertEquals("off", fast());
        }
    }

    @Test
    void aTestsFlipsAreOnePatchOperationBeforeAndOneAfter() throws ReflectiveOperationException {
        long before = patchOperations();
        assertAllSucceeded(Fixtures.run(TwoFlips.class), 1);
        assertEquals(1, PATCHES_AT_TEST_START.get() - before, "both keys flipped in one batch");
        assertEquals(2, patchOperations() - before, "both keys restored in one batch");
    }
}
