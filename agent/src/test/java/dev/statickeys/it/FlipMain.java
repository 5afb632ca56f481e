package dev.statickeys.it;

import dev.statickeys.StaticKey;
import dev.statickeys.StaticKeys;

/** A main for forked JVMs: one key, one site, one flip. */
public final class FlipMain {
    static final StaticKey KEY = StaticKey.defineFalse("main.key");

    private FlipMain() {}

    static boolean site() {
        return KEY.isEnabled() ? true : false;
    }

    public static void main(String[] args) {
        boolean before = site();
        KEY.enable();
        System.out.println("main ran: agent=" + StaticKeys.agentActive() + " before=" + before + " after=" + site());
    }
}
