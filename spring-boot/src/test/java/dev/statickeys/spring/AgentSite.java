package dev.statickeys.spring;

import dev.statickeys.StaticKey;

/** A key with a branch site in a class of its own, compiled with the statickeys processor: the agent patches it. */
final class AgentSite {
    static final StaticKey KEY = StaticKey.defineFalse("agent.site");

    private AgentSite() {}

    static String answer() {
        if (KEY.isEnabled()) {
            return "on";
        }
        return "off";
    }
}
