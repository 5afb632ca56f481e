package dev.statickeys.junit5;

import dev.statickeys.StaticKey;

/**
 * Sites {@link AgentSitesIT} needs unloaded until a fixture calls in: top-level, so JUnit's discovery of
 * the test class does not load it (with the agent, loading a class with sites makes its keys known).
 */
final class AgentLateSites {
    static final StaticKey LATE = StaticKey.defineFalse(AgentSitesIT.LATE);

    private AgentLateSites() {}

    static String late() {
        if (LATE.isEnabled()) {
            return "on";
        }
        return "off";
    }
}
