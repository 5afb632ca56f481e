package dev.statickeys.it;

import dev.statickeys.StaticKey;
import java.lang.management.ManagementFactory;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;

/**
 * A main for forked JVMs with a second agent that breaks one class: one key with inline sites in two
 * classes; the key is flipped on and off and each step's answers are printed, then the MXBean's count
 * of patch failures for the key. Also run under JFR ({@link FlightRecorderIT}).
 */
public final class FaultMain {
    static final StaticKey KEY = StaticKey.defineFalse("fault.key");

    private FaultMain() {}

    /** Patched normally. */
    public static final class Sites {
        private Sites() {}

        public static boolean site() {
            return KEY.isEnabled() ? true : false;
        }
    }

    /** A class first loaded after the flips above (with argument {@code late}). */
    public static final class Late {
        private Late() {}

        public static boolean site() {
            return KEY.isEnabled() ? true : false;
        }
    }

    /** The class the other agent breaks whenever it is retransformed (twice). */
    public static final class Victim {
        private Victim() {}

        public static boolean site() {
            return KEY.isEnabled() ? true : false;
        }
    }

    public static void main(String[] args) throws Exception {
        print("start");
        KEY.enable();
        print("after enable");
        KEY.disable();
        print("after disable");
        if (args.length > 0 && args[0].equals("late")) {
            KEY.enable();
            System.out.println("late class after enable: " + Late.site());
            KEY.disable();
            System.out.println("late class after disable: " + Late.site() + " sites=" + Sites.site());
        }
        System.out.println("jfr initialized: " + jdk.jfr.FlightRecorder.isInitialized());
        System.out.println("jmx patchFailures=" + patchFailures());
    }

    private static void print(String step) {
        System.out.println(step + ": sites=" + Sites.site() + " victim=" + Victim.site() + " count=" + KEY.count());
    }

    private static Object patchFailures() throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName name = new ObjectName("dev.statickeys:type=StaticKeys");
        for (int i = 0; i < 500 && !server.isRegistered(name); i++) {
            Thread.sleep(20);
        }
        for (CompositeData key : (CompositeData[]) server.getAttribute(name, "Keys")) {
            if (key.get("name").equals("fault.key")) {
                return key.get("patchFailures");
            }
        }
        return "no fault.key";
    }
}
