package dev.statickeys.it;

import dev.statickeys.StaticKey;
import java.util.concurrent.TimeUnit;

/**
 * Flips one key as fast as it can for the given number of seconds; each flip reports a line at INFO.
 * With a second argument {@code jul} it starts java.util.logging first, so the agent's lines are written
 * as they come; without it they wait for logging that never starts (the bounded queue's worst case).
 * Prints the number of flips.
 */
public final class FloodMain {
    /** Enough keys that their flip lines differ: identical queued lines would be coalesced, not dropped. */
    static final StaticKey[] KEYS = new StaticKey[2_000];

    private FloodMain() {}

    public static void main(String[] args) {
        if (args.length > 1 && args[1].equals("jul")) {
            java.util.logging.LogManager.getLogManager();
        }
        for (int i = 0; i < KEYS.length; i++) {
            KEYS[i] = StaticKey.defineFalse("flood.key" + i);
        }
        long seconds = Long.parseLong(args[0]);
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        long flips = 0;
        while (System.nanoTime() < end && flips < 5_000_000) {
            StaticKey key = KEYS[(int) (flips / 2 % KEYS.length)];
            key.enable();
            key.disable();
            flips += 2;
        }
        System.out.println("flips done: " + flips);
    }
}
