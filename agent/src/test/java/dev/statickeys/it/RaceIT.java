package dev.statickeys.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.statickeys.StaticKey;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Threads load and initialize fresh copies of a class with sites while another thread flips its key;
 * afterwards every copy agrees with the final state: no class is left stale.
 */
class RaceIT {
    private static final int LOADERS = 3;
    private static final int COPIES_PER_LOADER = 60;
    private static final int FLIPS = 120;

    @Test
    void classesLoadedDuringFlipsAllEndInTheFinalState() throws Exception {
        StaticKey key = StaticKey.defineFalse("late.key");
        ConcurrentLinkedQueue<Class<?>> copies = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(LOADERS + 1);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int t = 0; t < LOADERS; t++) {
                work.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < COPIES_PER_LOADER; i++) {
                        Class<?> copy = LateLoadingIT.freshCopy();
                        LateLoadingIT.site(copy); // initializes it: from here on it is live
                        copies.add(copy);
                    }
                    return null;
                }));
            }
            work.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < FLIPS; i++) {
                    if (key.isEnabled()) {
                        key.disable();
                    } else {
                        key.enable();
                    }
                }
                return null;
            }));
            start.countDown();
            for (Future<?> future : work) {
                future.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(LOADERS * COPIES_PER_LOADER, copies.size());
        assertFalse(key.isEnabled(), "an even number of flips ends disabled");
        for (Class<?> copy : copies) {
            assertFalse(LateLoadingIT.site(copy), "stale copy " + copy + " in " + copy.getClassLoader());
        }
        key.enable();
        for (Class<?> copy : copies) {
            assertTrue(LateLoadingIT.site(copy), "copy missed the last flip: " + copy);
        }
        key.disable();
    }
}
