package dev.statickeys.it;

import dev.statickeys.StaticKey;

/** A main for forked JVMs: two keys whose starting states come from the agent's settings. */
public final class ConfiguredMain {
    static final StaticKey OFF_BY_DEFAULT = StaticKey.defineFalse("cfg.off-by-default");
    static final StaticKey ON_BY_DEFAULT = StaticKey.defineTrue("cfg.on-by-default");

    private ConfiguredMain() {}

    static String sites() {
        return (OFF_BY_DEFAULT.isEnabled() ? "on" : "off") + "/" + (ON_BY_DEFAULT.isEnabled() ? "on" : "off");
    }

    /** {@code args[0]}, if given: milliseconds to stay alive at the end, so reports are written before exit. */
    public static void main(String[] args) throws InterruptedException {
        System.out.println("sites " + sites() + " counts " + OFF_BY_DEFAULT.count() + "/" + ON_BY_DEFAULT.count());
        OFF_BY_DEFAULT.disable();
        ON_BY_DEFAULT.enable();
        System.out.println("after flips " + sites());
        if (args.length > 0) {
            Thread.sleep(Long.parseLong(args[0]));
        }
    }
}
