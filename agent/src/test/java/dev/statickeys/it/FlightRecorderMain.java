package dev.statickeys.it;

import dev.statickeys.StaticKey;

/** A main for forked JVMs under JFR: one key with sites in two classes, one of which another agent breaks. */
public final class FlightRecorderMain {
    static final StaticKey KEY = StaticKey.defineFalse("jfr.key");

    private FlightRecorderMain() {}

    /** Sites in a class of their own: a class running during an inline flip would be moved to holders. */
    static final class Sites {
        private Sites() {}

        static boolean site() {
            return KEY.isEnabled() ? true : false;
        }
    }

    /** The class the rejecting agent breaks when it is retransformed. */
    public static final class Victim {
        private Victim() {}

        static boolean site() {
            return KEY.isEnabled() ? true : false;
        }
    }

    public static void main(String[] args) {
        boolean before = Sites.site() || Victim.site();
        KEY.enable();
        System.out.println("jfr initialized: " + jdk.jfr.FlightRecorder.isInitialized());
        System.out.println("jfr main: before=" + before + " after=" + Sites.site() + "/" + Victim.site());
    }
}
