package dev.statickeys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.Test;

class KeyDomainTest {
    @Test
    void concurrentFirstIncrementWaitsUntilTheFirstHasPatched() throws InterruptedException {
        // The kernel's 2016 bug: a second increment must not return while the first is still patching.
        RecordingDomain domain = new RecordingDomain();
        StaticKey key = domain.key("first-increment", 0);
        CountDownLatch patching = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean first = new AtomicBoolean(true);
        domain.duringSync(keys -> {
            if (first.getAndSet(false)) {
                patching.countDown();
                Await.latchUnchecked("test releases the first sync", release);
            }
        });
        Background a = Background.start("increment-A", key::increment);
        Await.latch("A is inside sync", patching);
        assertTrue(key.isEnabled(), "reads enabled while the first enable patches");
        assertEquals(1, key.count());
        assertEquals(-1, key.count.getAsInt());

        Background b = Background.start("increment-B", key::increment);
        Await.until("B waits for the flip lock", () -> domain.lock().hasQueuedThread(b.thread()));
        assertFalse(b.returned(), "B's increment returned before A finished patching");

        release.countDown();
        a.finish();
        b.finish();
        assertEquals(2, key.count());
        assertEquals(1, domain.edges(key));
    }

    @Test
    void racingDefinesWithOtherInitialValuesNeverLeaveAKeyWithTheWrongInitialCount() throws InterruptedException {
        PausingDomain domain = new PausingDomain();
        // Thread F stops inside define(name, false) right after its cell was created (count 0)...
        Background f = Background.start("define-false", () -> domain.define("raced", false));
        Await.latch("define(false) created its cell", domain.cellCreated);
        // ...and this thread's define(name, true) runs in between: the cell already says false, so it fails.
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> domain.define("raced", true));
        assertTrue(refused.getMessage().contains("\"raced\""), refused.getMessage());
        domain.proceed.countDown();
        f.join();
        assertTrue(f.returned(), "the definition that created the cell wins");
        StaticKey winner = domain.find("raced").orElseThrow();
        assertFalse(winner.initialValue());
        assertEquals(0, winner.count(), "a defineFalse key starts at count 0");
    }

    /** Pauses a define with initial value false right after its cell is created, until the test proceeds. */
    static final class PausingDomain extends LocalDomain {
        final CountDownLatch cellCreated = new CountDownLatch(1);
        final CountDownLatch proceed = new CountDownLatch(1);

        @Override
        IntSupplier cell(String name, boolean initialValue, boolean definition) {
            IntSupplier cell = super.cell(name, initialValue, definition);
            if (!initialValue) {
                cellCreated.countDown();
                Await.latchUnchecked("test lets define(false) proceed", proceed);
            }
            return cell;
        }
    }
}
