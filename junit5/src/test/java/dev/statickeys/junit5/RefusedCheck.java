package dev.statickeys.junit5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.statickeys.StaticKey;
import dev.statickeys.StaticKeys;
import org.junit.jupiter.api.Test;

/**
 * Run by the surefire executions {@code attach-refused-*}, each in a JVM that cannot take a dynamically loaded
 * agent (the reason it must name is the system property {@code it.attach.refusal}): the listener printed one
 * line saying why, and the tests run with plain checks.
 */
class RefusedCheck {
    static final String TRACING = "RefusedCheck.tracing";
    static final StaticKey TRACING_KEY = StaticKey.defineFalse(TRACING);

    static String tracing() {
        if (TRACING_KEY.isEnabled()) {
            return "on";
        }
        return "off";
    }

    @Test
    void theListenerSaidWhyInOneLine() {
        AgentAttach.Outcome outcome = AgentAttach.decided();
        assertNotNull(outcome, "the listener ran when the launcher session opened");
        assertEquals(AgentAttach.Result.NOT_ATTACHED, outcome.result());
        String line = outcome.line();
        assertTrue(line.startsWith("statickeys-junit5: statickeys agent not attached: "
                + System.getProperty("it.attach.refusal")), line);
        assertTrue(line.contains("; sites are plain checks in this JVM"), line);
        assertFalse(line.contains("\n") || line.contains("\r"), line);
        assertFalse(StaticKeys.agentActive());
    }

    @Test
    @EnableKeys(TRACING)
    void thePlainCheckFollowsTheAnnotation() {
        assertEquals("on", tracing());
    }

    @Test
    void thePlainCheckShowsTheDefinitionOtherwise() {
        assertEquals("off", tracing());
    }
}
