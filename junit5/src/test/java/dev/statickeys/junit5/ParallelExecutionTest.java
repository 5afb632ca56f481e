package dev.statickeys.junit5;

import static dev.statickeys.junit5.Fixtures.assertAllSucceeded;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.statickeys.StaticKey;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Under JUnit's parallel execution (4 threads, every test concurrent) tests naming the same key never
 * overlap, a test taking a {@link KeySwitch} overlaps no key-using test, and tests on different keys
 * still run side by side. The fixtures sleep inside their checks to widen the windows; nothing here
 * measures time.
 */
class ParallelExecutionTest {
    static final String SHARED = "ParallelExecutionTest.shared";
    static final String OTHER = "ParallelExecutionTest.other";
    static final StaticKey SHARED_KEY = StaticKey.defineFalse(SHARED);
    static final StaticKey OTHER_KEY = StaticKey.defineFalse(OTHER);

    /** Tests naming {@link #SHARED} running now, and all key-using tests running now. */
    static final AtomicInteger USING_SHARED = new AtomicInteger();
    static final AtomicInteger USING_KEYS = new AtomicInteger();
    static final Set<String> THREADS = ConcurrentHashMap.newKeySet();

    static boolean shared() {
        return SHARED_KEY.isEnabled();
    }

    static boolean other() {
        return OTHER_KEY.isEnabled();
    }

    /** Asserts, a few times over a few milliseconds, that the shared key keeps the annotated state. */
    static void holdShared(boolean expected) throws InterruptedException {
        THREADS.add(Thread.currentThread().getName());
        USING_KEYS.incrementAndGet();
        try {
            assertEquals(1, USING_SHARED.incrementAndGet(), "another test naming the shared key is running");
            try {
                for (int i = 0; i < 5; i++) {
                    assertEquals(expected, shared());
                    Thread.sleep(2);
                }
            } finally {
                USING_SHARED.decrementAndGet();
            }
        } finally {
            USING_KEYS.decrementAndGet();
        }
    }

    static void holdOther() throws InterruptedException {
        USING_KEYS.incrementAndGet();
        try {
            for (int i = 0; i < 5; i++) {
                assertTrue(other());
                Thread.sleep(2);
            }
        } finally {
            USING_KEYS.decrementAndGet();
        }
    }

    @EnableKeys(SHARED)
    static class EnablesShared {
        @Test
        void first() throws InterruptedException {
            holdShared(true);
        }

        @Test
        void second() throws InterruptedException {
            holdShared(true);
        }

        @Test
        void third() throws InterruptedException {
            holdShared(true);
        }

        @Test
        void fourth() throws InterruptedException {
            holdShared(true);
        }
    }

    static class DisablesShared {
        @Test
        @DisableKeys(SHARED)
        void first() throws InterruptedException {
            holdShared(false);
        }

        @Test
        @DisableKeys(SHARED)
        void second() throws InterruptedException {
            holdShared(false);
        }

        @Test
        @DisableKeys(SHARED)
        void third() throws InterruptedException {
            holdShared(false);
        }

        @Test
        @EnableKeys(OTHER)
        @DisableKeys(SHARED)
        void fourthAlsoEnablesTheOtherKey() throws InterruptedException {
            assertTrue(other());
            holdShared(false);
        }
    }

    @EnableKeys(OTHER)
    static class EnablesOther {
        @Test
        void first() throws InterruptedException {
            holdOther();
        }

        @Test
        void second() throws InterruptedException {
            holdOther();
        }
    }

    @WithStaticKeys
    static class Switches {
        @Test
        void flipsBothKeysAlone(KeySwitch keys) throws InterruptedException {
            flipAlone(keys);
        }

        @Test
        void flipsBothKeysAloneAgain(KeySwitch keys) throws InterruptedException {
            flipAlone(keys);
        }

        private static void flipAlone(KeySwitch keys) throws InterruptedException {
            assertEquals(1, USING_KEYS.incrementAndGet(), "another key-using test is running");
            try {
                for (int i = 0; i < 3; i++) {
                    keys.enable(SHARED);
                    keys.disable(OTHER);
                    Thread.sleep(2);
                    assertTrue(shared());
                    keys.disable(SHARED);
                    keys.enable(OTHER);
                    Thread.sleep(2);
                    assertTrue(other());
                }
            } finally {
                USING_KEYS.decrementAndGet();
            }
        }
    }

    @Test
    void testsOfOneKeyNeverOverlapAndSwitchTestsRunAlone() {
        THREADS.clear();
        assertAllSucceeded(Fixtures.runInParallel(EnablesShared.class, DisablesShared.class, EnablesOther.class,
                Switches.class), 12);
        assertTrue(THREADS.stream().noneMatch(Thread.currentThread().getName()::equals),
                "the fixtures ran on the parallel executor's threads: " + THREADS);
        assertEquals(0, SHARED_KEY.count());
        assertEquals(0, OTHER_KEY.count());
    }

    static final String LEFT = "ParallelExecutionTest.left";
    static final String RIGHT = "ParallelExecutionTest.right";
    static final CountDownLatch BOTH_RUNNING = new CountDownLatch(2);

    static class DifferentKeys {
        @Test
        @EnableKeys(LEFT)
        void left() throws InterruptedException {
            meet();
        }

        @Test
        @DisableKeys(RIGHT)
        void right() throws InterruptedException {
            meet();
        }

        /** Returns once both tests are inside: they hold their locks at the same time. */
        private static void meet() throws InterruptedException {
            BOTH_RUNNING.countDown();
            assertTrue(BOTH_RUNNING.await(30, TimeUnit.SECONDS), "the other test never started while this one ran");
        }
    }

    @Test
    void testsOfDifferentKeysRunAtTheSameTime() {
        assertAllSucceeded(Fixtures.runInParallel(DifferentKeys.class), 2);
    }
}
