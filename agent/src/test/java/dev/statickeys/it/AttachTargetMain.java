package dev.statickeys.it;

import dev.statickeys.StaticKey;

/**
 * A main for forked JVMs that an attach command controls: two keys, a site each, printed whenever a
 * site's answer changes; runs until its standard input closes. With the argument {@code arm-stall} it arms
 * {@link dev.statickeys.testing.StallingAgent} before it says it is ready.
 */
public final class AttachTargetMain {
    static final StaticKey A = StaticKey.defineFalse("attach.a");
    static final StaticKey B = StaticKey.defineTrue("attach.b");

    private AttachTargetMain() {}

    static String sites() {
        return "a=" + (A.isEnabled() ? "on" : "off") + " b=" + (B.isEnabled() ? "on" : "off");
    }

    public static void main(String[] args) throws Exception {
        Thread watcher = new Thread(AttachTargetMain::watch, "watcher");
        watcher.setDaemon(true);
        if (args.length > 0 && args[0].equals("arm-stall")) {
            // from now on the stalling agent (if any) hangs every retransformation
            System.setProperty(dev.statickeys.testing.StallingAgent.ARMED, "true");
        }
        System.out.println("sites " + sites());
        System.out.println("ready " + ProcessHandle.current().pid());
        watcher.start();
        while (System.in.read() >= 0) {
            // wait for the test to close our input
        }
    }

    private static void watch() {
        String last = sites();
        while (true) {
            String now = sites();
            if (!now.equals(last)) {
                System.out.println("sites " + now);
                last = now;
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

}
