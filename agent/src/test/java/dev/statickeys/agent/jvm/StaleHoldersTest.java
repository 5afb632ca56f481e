package dev.statickeys.agent.jvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class StaleHoldersTest {

    @Test
    void nothingStaleCostsNoCall() {
        List<List<Class<?>>> calls = new CopyOnWriteArrayList<>();
        new StaleHolders().repatch(calls::add);
        assertTrue(calls.isEmpty());
    }

    @Test
    void eachStaleHolderIsRepatchedOnce() {
        StaleHolders stale = new StaleHolders();
        List<List<Class<?>>> calls = new CopyOnWriteArrayList<>();
        stale.add(String.class);
        stale.add(Integer.class);
        stale.repatch(calls::add);
        stale.repatch(calls::add);
        assertEquals(List.of(List.of(String.class, Integer.class)), calls);
    }

    @Test
    void aThreadArrivingWhileAnotherRepatchesWaitsUntilItIsDone() throws Exception {
        StaleHolders stale = new StaleHolders();
        stale.add(String.class);
        CountDownLatch repatching = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread first = new Thread(() -> stale.repatch(holders -> {
            repatching.countDown();
            awaitQuietly(release);
        }));
        first.start();
        assertTrue(repatching.await(30, TimeUnit.SECONDS));

        CountDownLatch secondReturned = new CountDownLatch(1);
        List<List<Class<?>>> secondCalls = new CopyOnWriteArrayList<>();
        Thread second = new Thread(() -> {
            stale.repatch(secondCalls::add);
            secondReturned.countDown();
        });
        second.start();
        // A class calling the holder initializes on the second thread: it must not go on while the holder
        // is still being re-patched. (A bounded wait proves only that it has not returned yet.)
        assertFalse(secondReturned.await(200, TimeUnit.MILLISECONDS), "returned while the holder was stale");

        release.countDown();
        assertTrue(secondReturned.await(30, TimeUnit.SECONDS));
        first.join(30_000);
        assertTrue(secondCalls.isEmpty(), "the holder was re-patched twice: " + secondCalls);
    }

    @Test
    void aWaiterGivesUpAtItsBoundSoAnotherAgentsTransformerCannotHangIt() throws Exception {
        StaleHolders stale = new StaleHolders(TimeUnit.MILLISECONDS.toNanos(50));
        stale.add(String.class);
        CountDownLatch repatching = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread first = new Thread(() -> stale.repatch(holders -> {
            repatching.countDown();
            awaitQuietly(release); // a re-patch that does not end (another agent's transformer waits)
        }));
        first.start();
        assertTrue(repatching.await(30, TimeUnit.SECONDS));
        try {
            List<List<Class<?>>> calls = new CopyOnWriteArrayList<>();
            assertFalse(stale.repatch(calls::add), "the waiter reports it did not see the re-patch end");
            assertTrue(calls.isEmpty());
        } finally {
            release.countDown();
            first.join(30_000);
        }
        assertTrue(stale.repatch(holders -> {
            throw new AssertionError("re-patched again: " + holders);
        }), "once the re-patch ended, nothing is left");
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
