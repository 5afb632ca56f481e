package dev.statickeys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DeferredKeyTest {
    private static final Duration DELAY = Duration.ofSeconds(1);

    private final ManualTimer timer = new ManualTimer();
    private final RecordingDomain domain = new RecordingDomain(timer);

    /** A deferred handle on a fresh key of the recording domain at {@code count}, on the manual timer. */
    private DeferredKey deferred(int count) {
        return DeferredKey.of(domain.key("deferred", count), DELAY);
    }

    /** Asserts the key's count, the pending decrements and how often the key's sites were patched. */
    private void assertState(DeferredKey deferred, int count, int pending, int edges) {
        assertEquals(count, deferred.key().count(), "count");
        assertEquals(pending, deferred.pending(), "pending");
        assertEquals(edges, domain.edges(deferred.key()), "edges patched");
    }

    @Test
    void decrementAtCountOneWaitsForTheTimer() {
        DeferredKey deferred = deferred(1);
        deferred.decrement();
        assertState(deferred, 1, 1, 0);
        assertTrue(deferred.key().isEnabled());
        assertEquals(DELAY.toNanos(), timer.only().delayNanos);
    }

    @Test
    void pendingDecrementAppliesWhenTheTimerRuns() {
        DeferredKey deferred = deferred(1);
        deferred.decrement();
        timer.only().fire();
        assertState(deferred, 0, 0, 1);
    }

    @Test
    void incrementInsideTheWindowCancelsThePendingDecrement() {
        DeferredKey deferred = deferred(1);
        deferred.decrement();
        deferred.increment();
        assertState(deferred, 1, 0, 0);
        assertTrue(timer.only().isCancelled());
        assertEquals(List.of(), domain.syncs(), "nothing to patch");
    }

    @Test
    void cancelledTaskThatRunsAnywayChangesNothing() {
        DeferredKey deferred = deferred(1);
        deferred.decrement();
        deferred.increment();
        timer.only().runAnyway();
        assertState(deferred, 1, 0, 0);
    }

    @Test
    void staleTaskDoesNotApplyALaterPendingDecrementEarly() {
        DeferredKey deferred = deferred(1);
        deferred.decrement();
        deferred.increment();
        deferred.decrement();
        assertEquals(2, timer.scheduled().size());
        timer.scheduled().get(0).runAnyway();
        assertState(deferred, 1, 1, 0);
        timer.scheduled().get(1).fire();
        assertState(deferred, 0, 0, 1);
    }

    @Test
    void flappingFasterThanTheDelayPatchesNothing() {
        DeferredKey deferred = deferred(1);
        for (int i = 0; i < 5; i++) {
            deferred.decrement();
            deferred.increment();
        }
        timer.scheduled().forEach(ManualTimer.Scheduled::fire);
        assertState(deferred, 1, 0, 0);
    }

    @Test
    void decrementAtCountThreeAppliesAtOnce() {
        DeferredKey deferred = deferred(3);
        deferred.decrement();
        assertState(deferred, 2, 0, 0);
        assertEquals(List.of(), timer.scheduled());
    }

    @Test
    void incrementWithNothingPendingIsAPlainIncrement() {
        DeferredKey deferred = deferred(0);
        deferred.increment();
        assertState(deferred, 1, 0, 1);
    }

    @Test
    void flushAppliesThePendingDecrementNowAndCancelsTheTimer() {
        DeferredKey deferred = deferred(1);
        deferred.decrement();
        deferred.flush();
        assertState(deferred, 0, 0, 1);
        assertTrue(timer.only().isCancelled());
        timer.only().runAnyway();
        assertState(deferred, 0, 0, 1);
    }

    @Test
    void flushWithNothingPendingChangesNothing() {
        DeferredKey deferred = deferred(2);
        deferred.flush();
        assertState(deferred, 2, 0, 0);
    }

    @Test
    void decrementAtCountZeroThrowsNamingTheKey() {
        DeferredKey deferred = deferred(0);
        IllegalStateException e = assertThrows(IllegalStateException.class, deferred::decrement);
        assertTrue(e.getMessage().contains("\"deferred\""), e.getMessage());
        assertTrue(e.getMessage().contains("count is 0"), e.getMessage());
        assertState(deferred, 0, 0, 0);
    }

    @Test
    void decrementWhenTheLastUserIsAlreadyPendingThrowsAndChangesNothing() {
        DeferredKey deferred = deferred(1);
        deferred.decrement();
        IllegalStateException e = assertThrows(IllegalStateException.class, deferred::decrement);
        assertTrue(e.getMessage().contains("\"deferred\""), e.getMessage());
        assertTrue(e.getMessage().contains("1 decrement(s) pending"), e.getMessage());
        assertState(deferred, 1, 1, 0);
        assertEquals(1, timer.scheduled().size());
    }

    @Test
    void ofRejectsANullKey() {
        NullPointerException e = assertThrows(NullPointerException.class, () -> DeferredKey.of(null, DELAY));
        assertTrue(e.getMessage().contains("key is null"), e.getMessage());
    }

    @Test
    void ofRejectsANullDelay() {
        StaticKey key = domain.key("null-delay", 0);
        NullPointerException e = assertThrows(NullPointerException.class, () -> DeferredKey.of(key, null));
        assertTrue(e.getMessage().contains("delay is null"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"PT0S", "PT-0.000000001S", "PT-1S", "PT24H0.000000001S", "P2D"})
    void ofRejectsDelaysOutsideOneNanosecondToOneDay(String text) {
        Duration delay = Duration.parse(text);
        StaticKey key = domain.key("bad-delay", 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DeferredKey.of(key, delay));
        assertTrue(e.getMessage().contains(delay.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("between 1 ns and 1 day"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"PT0.000000001S", "PT24H"})
    void ofAcceptsTheBoundsOfTheDelayRange(String text) {
        Duration delay = Duration.parse(text);
        StaticKey key = domain.key("edge-delay", 0);
        DeferredKey deferred = DeferredKey.of(key, delay);
        assertSame(key, deferred.key());
        assertEquals(delay, deferred.delay());
    }

    @Test
    void realTimerAppliesTheDecrementAfterTheDelay() {
        RecordingDomain system = new RecordingDomain(dev.statickeys.internal.core.Clock.system());
        DeferredKey deferred = DeferredKey.of(system.key("real-timer", 1), Duration.ofMillis(50));
        deferred.decrement();
        Await.until("the deferred decrement lands", () -> deferred.key().count() == 0);
        assertEquals(0, deferred.pending());
        assertFalse(deferred.key().isEnabled());
    }

    @Test
    void realTimerThreadPinsNoLoaderAndEndsWhenNothingIsPending() throws Exception {
        // Scheduled from a thread whose context loader is an application's: the timer must not keep it.
        Thread caller = new Thread(() -> {
            RecordingDomain system = new RecordingDomain(dev.statickeys.internal.core.Clock.system());
            DeferredKey deferred = DeferredKey.of(system.key("idle-timer", 1), Duration.ofMillis(20));
            deferred.decrement();
            Await.until("the deferred decrement lands", () -> deferred.key().count() == 0);
        });
        caller.setContextClassLoader(new java.net.URLClassLoader(new java.net.URL[0], null));
        caller.start();
        caller.join(Await.LIMIT.toMillis());
        assertFalse(caller.isAlive(), "the caller did not finish");
        Thread timer = timerThread();
        if (timer != null) { // it stays about a second after its last task
            assertSame(ClassLoader.getSystemClassLoader(), timer.getContextClassLoader());
            assertTrue(timer.isDaemon());
        }
        Await.until("the timer thread ends once nothing is pending", () -> timerThread() == null);
    }

    private static Thread timerThread() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("statickeys-deferred") && t.isAlive()).findFirst().orElse(null);
    }
}
