package dev.statickeys.internal.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code computeIfAbsent} without a lambda: the first value put is the one every caller gets. */
class ConcurrentMapsTest {
    @Test
    void keepsWhatItIsGivenWhenTheKeyIsAbsent() {
        ConcurrentHashMap<String, Object> map = new ConcurrentHashMap<>();
        Object made = new Object();
        assertSame(made, ConcurrentMaps.kept(map, "k", made));
        assertSame(made, map.get("k"));
    }

    @Test
    void keepsTheEarlierValueAndDropsTheNewOne() {
        ConcurrentHashMap<String, Object> map = new ConcurrentHashMap<>();
        Object earlier = new Object();
        map.put("k", earlier);
        assertSame(earlier, ConcurrentMaps.kept(map, "k", new Object()));
        assertSame(earlier, map.get("k"));
    }

    @Test
    void racingThreadsAllGetTheOneValueTheMapKept() throws Exception {
        for (int round = 0; round < 50; round++) {
            ConcurrentHashMap<String, Object> map = new ConcurrentHashMap<>();
            CountDownLatch start = new CountDownLatch(1);
            List<Object> got = java.util.Collections.synchronizedList(new ArrayList<>());
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                Thread thread = new Thread(() -> {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        return;
                    }
                    got.add(ConcurrentMaps.kept(map, "k", new Object()));
                });
                thread.start();
                threads.add(thread);
            }
            start.countDown();
            for (Thread thread : threads) {
                thread.join(TimeUnit.SECONDS.toMillis(20));
            }
            assertEquals(8, got.size(), "round " + round);
            for (Object value : got) {
                assertSame(map.get("k"), value, "round " + round);
            }
            assertTrue(map.size() == 1);
        }
    }
}
