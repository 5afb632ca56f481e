package dev.statickeys.it;

import dev.statickeys.StaticKey;
import dev.statickeys.testing.ThreadDumps;
import java.util.List;

/**
 * A main for forked JVMs with {@code LoadingAgent} beside statickeys: one thread flips a key (each flip
 * retransforms, and the other agent's transformer then loads {@link Victim}), while another thread loads
 * {@link Victim}, whose initializer defines a new key and whose method holds a site of it. Before the
 * flip lock left the class-loading path this deadlocked: the loading thread waited for the flip lock
 * holding {@link Victim}'s loading lock, the flipping thread waited for that lock inside
 * {@code retransformClasses}. Prints {@code completed} with the answers, or a thread dump and exits 3.
 */
public final class LockOrderMain {
    static final StaticKey FLIPPED = StaticKey.defineFalse("lockorder.flipped");

    private LockOrderMain() {}

    /** Holds a site of the flipped key, live before the flips. */
    public static final class Sites {
        private Sites() {}

        public static boolean site() {
            return FLIPPED.isEnabled();
        }
    }

    /** Loaded concurrently with the flips (and by the other agent during them). */
    public static final class Victim {
        static final StaticKey NEW = StaticKey.defineFalse("lockorder.new");

        static {
            try {
                Thread.sleep(200); // keep the initialization open while flips run
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private Victim() {}

        public static boolean site() {
            return NEW.isEnabled();
        }
    }

    public static void main(String[] args) throws Exception {
        Sites.site();
        Thread flipper = new Thread(() -> {
            for (int i = 0; i < 10; i++) {
                FLIPPED.enable();
                FLIPPED.disable();
            }
        }, "flipper");
        Thread loader = new Thread(() -> {
            try {
                Class.forName(Victim.class.getName(), true, ClassLoader.getSystemClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
        }, "loader");
        flipper.start();
        Thread.sleep(5);
        loader.start();
        flipper.join(60_000);
        loader.join(60_000);
        if (flipper.isAlive() || loader.isAlive()) {
            System.out.println(ThreadDumps.of(List.of(flipper, loader)));
            System.out.flush();
            Runtime.getRuntime().halt(3);
        }
        Victim.NEW.enable();
        FLIPPED.enable();
        System.out.println("completed: victim " + Victim.site() + ", sites " + Sites.site() + ", counts "
                + Victim.NEW.count() + " " + FLIPPED.count());
    }
}
