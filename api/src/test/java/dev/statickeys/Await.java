package dev.statickeys;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Generous bounded waits for concurrency tests. They bound how long a broken build can hang; they are
 * never assertions about speed.
 */
final class Await {
    static final Duration LIMIT = Duration.ofSeconds(10);

    private Await() {}

    /** Polls {@code condition} until it holds; fails after {@link #LIMIT}. */
    static void until(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                fail("not within " + LIMIT + ": " + what);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
    }

    /** Waits for {@code latch}; fails after {@link #LIMIT}. */
    static void latch(String what, CountDownLatch latch) throws InterruptedException {
        if (!latch.await(LIMIT.toNanos(), TimeUnit.NANOSECONDS)) {
            fail("not within " + LIMIT + ": " + what);
        }
    }

    /** Like {@link #latch} for code that cannot throw checked exceptions (a sync hook). */
    static void latchUnchecked(String what, CountDownLatch latch) {
        try {
            latch(what, latch);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting: " + what, e);
        }
    }
}
