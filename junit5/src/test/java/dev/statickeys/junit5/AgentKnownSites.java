package dev.statickeys.junit5;

import dev.statickeys.StaticKey;

/**
 * A site whose key {@link AgentSitesIT} needs known to the agent from the site alone: loading this class
 * makes the agent read the site, and under the agent the site never reads {@link Key#KEY}, so the class
 * declaring the key is not initialized. Top-level, so JUnit's discovery does not load it.
 */
final class AgentKnownSites {
    private AgentKnownSites() {}

    static String site() {
        if (Key.KEY.isEnabled()) {
            return "on";
        }
        return "off";
    }

    static final class Key {
        static final StaticKey KEY = StaticKey.defineFalse(AgentSitesIT.SITES_ONLY);

        private Key() {}
    }
}
