package dev.statickeys.it;

import dev.statickeys.StaticKey;
import dev.statickeys.StaticKeys;

/** What {@link FirstUseRaceMain} prints at the end: whether the agent runs and what it patched. */
final class FirstUseRaceReport {
    private FirstUseRaceReport() {}

    static void print() {
        System.out.println("agent=" + StaticKeys.agentActive() + " " + Keys.RACE.statistics());
    }

    /** The key, in a class of its own so the main class names nothing of the API. */
    static final class Keys {
        static final StaticKey RACE = StaticKey.defineFalse("first.use.race");

        private Keys() {}
    }
}
