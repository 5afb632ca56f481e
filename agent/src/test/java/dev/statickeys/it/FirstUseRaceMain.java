package dev.statickeys.it;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * A main for forked JVMs whose first use of the API happens on several threads at once: each loads its own
 * class with a site at the same moment, so a dormant agent is woken by all of them together. This class
 * names nothing of the API (the classes it loads are named only as strings); {@link FirstUseRaceReport}
 * prints, once every thread is done, how many sites the agent patched.
 */
public final class FirstUseRaceMain {
    static final int THREADS = 6;

    private FirstUseRaceMain() {}

    public static void main(String[] args) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            String name = FirstUseRaceMain.class.getName() + "$Sites" + i;
            Thread thread = new Thread(() -> {
                try {
                    go.await();
                    Class.forName(name).getDeclaredMethod("site").invoke(null);
                } catch (Throwable e) {
                    synchronized (failures) {
                        failures.add(e);
                    }
                }
            });
            thread.start();
            threads.add(thread);
        }
        go.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        System.out.println("failures " + failures);
        FirstUseRaceReport.print();
    }

    static final class Sites0 { static boolean site() { return FirstUseRaceReport.Keys.RACE.isEnabled() ? true : false; } }
    static final class Sites1 { static boolean site() { return FirstUseRaceReport.Keys.RACE.isEnabled() ? true : false; } }
    static final class Sites2 { static boolean site() { return FirstUseRaceReport.Keys.RACE.isEnabled() ? true : false; } }
    static final class Sites3 { static boolean site() { return FirstUseRaceReport.Keys.RACE.isEnabled() ? true : false; } }
    static final class Sites4 { static boolean site() { return FirstUseRaceReport.Keys.RACE.isEnabled() ? true : false; } }
    static final class Sites5 { static boolean site() { return FirstUseRaceReport.Keys.RACE.isEnabled() ? true : false; } }
}
