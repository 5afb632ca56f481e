package dev.statickeys.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ObjLongConsumer;
import org.junit.jupiter.api.Test;

/**
 * An observer from outside the module (Bridge.observeFlips is public) never runs on the flipping thread:
 * one that blocks or throws delays and fails no flip, and a stuck one holds at most the queue's bound.
 * (The timeouts only guard against a hang; nothing is timed.)
 */
class FlipObserversTest {
    private final FlipObservers observers = new FlipObservers();

    @Test
    void aBlockingObserverNeitherHoldsTheFlippingThreadNorFillsTheHeap() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch blocked = new CountDownLatch(1);
        AtomicInteger told = new AtomicInteger();
        ObjLongConsumer<Map<String, Boolean>> hostile = (states, nanos) -> {
            told.incrementAndGet();
            blocked.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        ObjLongConsumer<Map<String, Boolean>> relay = observers.relay(hostile);
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            relay.accept(Map.of("k", true), 1);
            blocked.await();
            for (int i = 0; i < 2 * FlipObservers.CAPACITY; i++) {
                relay.accept(Map.of("k", i % 2 == 0), 1); // the "flipping thread": returns at once
            }
        });
        release.countDown();
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            while (told.get() < 1 + FlipObservers.CAPACITY) {
                Thread.sleep(10);
            }
        });
        Thread.sleep(200);
        assertEquals(1 + FlipObservers.CAPACITY, told.get()); // the bound's worth, not every report
    }

    @Test
    void anObserverThatThrowsAnErrorFailsNoFlipAndHearsTheNextReport() {
        AtomicInteger told = new AtomicInteger();
        ObjLongConsumer<Map<String, Boolean>> hostile = (states, nanos) -> {
            told.incrementAndGet();
            throw new StackOverflowError("hostile observer");
        };
        ObjLongConsumer<Map<String, Boolean>> relay = observers.relay(hostile);
        relay.accept(Map.of("k", true), 1); // does not throw
        relay.accept(Map.of("k", false), 1);
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            while (told.get() < 2) {
                Thread.sleep(10);
            }
        });
    }
}
