package dev.statickeys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** Flip listeners of one domain: which flips, in which order, on which thread. */
class FlipReportsTest {
    private final LocalDomain domain = new LocalDomain();
    private final StaticKey a = domain.define("a", false);
    private final StaticKey b = domain.define("b", true);
    private final List<String> seen = new CopyOnWriteArrayList<>();

    private void record(String key, boolean enabled, Duration patchTime) {
        assertFalse(patchTime.isNegative());
        seen.add(key + "=" + enabled);
    }

    @Test
    void everyFlipIsReportedInOrderAndOtherCountChangesAreNot() {
        domain.addFlipListener(this::record);
        a.enable();
        a.increment(); // 1 to 2: not a flip
        a.decrement();
        runIgnoringRefusals(a::disable, b::decrement, b::decrement); // b: 1 to 0 is a flip, then refused at 0
        domain.batch(() -> {
            a.enable();
            b.enable();
        });
        Await.until("five reports, got " + seen, () -> seen.size() == 5);
        assertEquals(List.of("a=true", "a=false", "b=false", "a=true", "b=true"), seen);
    }

    /** Runs each action, ignoring the IllegalStateException of a refused one. */
    private static void runIgnoringRefusals(Runnable... actions) {
        for (Runnable action : actions) {
            try {
                action.run();
            } catch (IllegalStateException refused) {
                // decrement at 0: nothing changes and nothing is reported
            }
        }
    }

    @Test
    void listenersRunOnTheirOwnThreadWithoutTheFlipLockAndMayFlipKeys() throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        List<String> facts = new CopyOnWriteArrayList<>();
        domain.addFlipListener((key, enabled, patchTime) -> {
            if (key.equals("a")) {
                facts.add(Thread.currentThread().getName());
                facts.add("lock held: " + domain.control().core().lock().isHeldByCurrentThread());
                b.disable(); // a flip from a listener neither deadlocks nor is refused as nested
                done.countDown();
            }
        });
        a.enable();
        Await.latch("the listener's own flip", done);
        assertEquals(List.of(FlipReports.THREAD, "lock held: false"), facts);
        assertFalse(b.isEnabled());
    }

    @Test
    void aListenerThatThrowsAffectsNeitherTheFlipNorOtherListenersNorLaterReports() {
        domain.addFlipListener((key, enabled, patchTime) -> {
            throw new IllegalStateException("listener failure");
        });
        domain.addFlipListener(this::record);
        a.enable();
        assertTrue(a.isEnabled());
        a.disable();
        Await.until("two reports, got " + seen, () -> seen.size() == 2);
        assertEquals(List.of("a=true", "a=false"), seen);
    }

    /**
     * A listener that blocks holds up no flip: reports beyond the queue's capacity are dropped, the flips
     * themselves all happen, and once the listener returns it is told what the queue kept.
     */
    @Test
    void aBlockedListenerNeitherStopsFlipsNorFillsTheHeap() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch blocked = new CountDownLatch(1);
        java.util.concurrent.atomic.AtomicInteger told = new java.util.concurrent.atomic.AtomicInteger();
        domain.addFlipListener((key, enabled, patchTime) -> {
            blocked.countDown();
            told.incrementAndGet();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        a.enable();
        Await.latch("the listener blocking", blocked);
        int flips = 2 * FlipReports.CAPACITY + 10;
        for (int i = 0; i < flips; i++) {
            if (a.isEnabled()) {
                a.disable();
            } else {
                a.enable();
            }
        }
        assertEquals(flips % 2 == 0, a.isEnabled()); // every flip happened while the listener was stuck
        release.countDown();
        // The one being delivered, then what the queue kept: CAPACITY reports, not all of them.
        Await.until("the queued reports, told " + told, () -> told.get() == 1 + FlipReports.CAPACITY);
        Thread.sleep(200);
        assertEquals(1 + FlipReports.CAPACITY, told.get());
    }

    @Test
    void aRemovedListenerIsNoLongerTold() {
        FlipListener listener = this::record;
        domain.addFlipListener(listener);
        a.enable();
        Await.until("the first report", () -> seen.size() == 1);
        assertTrue(domain.removeFlipListener(listener));
        assertFalse(domain.removeFlipListener(listener));
        a.disable();
        CountDownLatch marker = new CountDownLatch(1);
        domain.addFlipListener((key, enabled, patchTime) -> marker.countDown());
        a.enable(); // reports are delivered in order: once the marker is told, the removed listener was not
        Await.latchUnchecked("the marker listener", marker);
        assertEquals(List.of("a=true"), seen);
    }

    @Test
    void statisticsCountFlipsAndNoSitesWithoutTheAgent() {
        a.enable();
        a.increment();
        a.decrement();
        a.disable();
        domain.batch(() -> {
            a.enable();
            b.disable();
        });
        assertEquals(new KeyStatistics(0, 0, 3), a.statistics());
        assertEquals(new KeyStatistics(0, 0, 1), b.statistics());
    }
}
