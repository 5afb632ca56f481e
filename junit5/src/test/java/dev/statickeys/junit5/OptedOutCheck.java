package dev.statickeys.junit5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.statickeys.StaticKey;
import dev.statickeys.StaticKeys;
import org.junit.jupiter.api.Test;

/**
 * Run by the surefire execution {@code attach-off}, with {@code dev.statickeys.junit.attach=false}: the listener
 * leaves the JVM alone, and sites are plain checks that still follow the annotations and the switch.
 */
class OptedOutCheck {
    static final String TRACING = "OptedOutCheck.tracing";
    static final StaticKey TRACING_KEY = StaticKey.defineFalse(TRACING);

    static String tracing() {
        if (TRACING_KEY.isEnabled()) {
            return "on";
        }
        return "off";
    }

    @Test
    void theListenerDidNothing() {
        assertEquals(new AgentAttach.Outcome(AgentAttach.Result.OFF, null), AgentAttach.decided());
        assertFalse(StaticKeys.agentActive());
    }

    @Test
    @EnableKeys(TRACING)
    void thePlainCheckFollowsTheAnnotation() {
        assertEquals("on", tracing());
    }

    @Test
    @WithStaticKeys
    void thePlainCheckFollowsTheSwitch(KeySwitch keys) {
        assertEquals("off", tracing());
        keys.enable(TRACING);
        assertEquals("on", tracing());
    }
}
