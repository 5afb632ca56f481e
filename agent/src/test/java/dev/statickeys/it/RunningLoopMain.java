package dev.statickeys.it;

import dev.statickeys.agent.boot.Bridge;
import dev.statickeys.fixtures.LoopSites;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Run by {@link RunningLoopIT} under the agent: a thread spins in a method with a site, hot, while main
 * enables the key, waits up to {@code args[0]} seconds for the spinning frame to see it, then flips
 * back. Prints what it saw, one fact per line.
 */
public final class RunningLoopMain {
    private RunningLoopMain() {}

    public static void main(String[] args) throws Exception {
        long boundSeconds = Long.parseLong(args[0]);
        AtomicLong progress = new AtomicLong();
        long[] result = {Long.MIN_VALUE};
        Thread spinner = new Thread(() -> result[0] = LoopSites.spinUntilEnabled(progress), "spinner");
        spinner.start();
        while (progress.get() < (1L << 24)) { // hot: compiled, on-stack replacement included
            Thread.sleep(5);
        }
        Map<String, Long> before = Bridge.statistics();
        LoopSites.KEY.enable();
        spinner.join(TimeUnit.SECONDS.toMillis(boundSeconds));
        boolean seen = !spinner.isAlive();
        if (!seen) {
            LoopSites.stop = true;
            spinner.join();
            LoopSites.stop = false;
        }
        System.out.println("running frame saw the enable: " + seen);
        System.out.println("a new call sees the enable: " + (LoopSites.spinUntilEnabled(new AtomicLong()) == 0));
        Map<String, Long> afterEnable = Bridge.statistics();
        LoopSites.KEY.disable();
        Map<String, Long> afterDisable = Bridge.statistics();
        for (String counter : new String[] {"siteClassesRetransformed", "holdersRetransformed", "classesMovedToHolders"}) {
            System.out.println("enable " + counter + ": " + (afterEnable.get(counter) - before.get(counter)));
            System.out.println("disable " + counter + ": " + (afterDisable.get(counter) - afterEnable.get(counter)));
        }
        System.out.println("backend: " + Bridge.backend());
    }
}
