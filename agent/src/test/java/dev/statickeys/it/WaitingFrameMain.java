package dev.statickeys.it;

import dev.statickeys.agent.boot.Bridge;
import dev.statickeys.fixtures.WaitingSites;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Run by {@link RunningLoopIT} under the agent: a thread waits inside a loop-free method with sites while
 * main enables the key, then is let go. Prints what it saw, one fact per line.
 */
public final class WaitingFrameMain {
    private WaitingFrameMain() {}

    public static void main(String[] args) throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        String[] seen = new String[1];
        Thread waiter = new Thread(() -> {
            try {
                seen[0] = WaitingSites.checkWaitCheck(entered, release);
            } catch (InterruptedException e) {
                seen[0] = "interrupted";
            }
        }, "waiter");
        waiter.start();
        entered.await();
        Map<String, Long> before = Bridge.statistics();
        WaitingSites.KEY.enable();
        Map<String, Long> after = Bridge.statistics();
        release.countDown();
        waiter.join();
        System.out.println("waiting frame saw: " + seen[0]);
        System.out.println("a new call sees: " + WaitingSites.checkWaitCheck(new CountDownLatch(1), new CountDownLatch(0)));
        for (String counter : new String[] {"siteClassesRetransformed", "holdersRetransformed", "classesMovedToHolders"}) {
            System.out.println("enable " + counter + ": " + (after.get(counter) - before.get(counter)));
        }
        System.out.println("backend: " + Bridge.backend());
    }
}
