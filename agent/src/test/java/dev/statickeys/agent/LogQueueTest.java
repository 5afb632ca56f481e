package dev.statickeys.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.System.Logger.Level;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LogQueueTest {
    private static LogQueue.Entry take(LogQueue queue) throws InterruptedException {
        LogQueue.Entry entry = queue.take(0, TimeUnit.SECONDS);
        if (entry != null) {
            queue.written();
        }
        return entry;
    }

    @Test
    void identicalQueuedMessagesAreWrittenOnceWithTheirCount() throws Exception {
        LogQueue queue = new LogQueue(4);
        queue.offer(Level.INFO, "same", null);
        queue.offer(Level.INFO, "other", null);
        queue.offer(Level.INFO, "same", null);
        queue.offer(Level.WARNING, "same", null); // another level is another message
        queue.offer(Level.INFO, "same", null);
        assertEquals("same (3 times)", take(queue).text());
        assertEquals("other", take(queue).text());
        assertEquals("same", take(queue).text());
        // Once written, the same text is a new message again.
        queue.offer(Level.INFO, "same", null);
        assertEquals("same", take(queue).text());
        assertNull(take(queue));
    }

    @Test
    void messagesWithAnExceptionAreNotCoalesced() throws Exception {
        LogQueue queue = new LogQueue(4);
        queue.offer(Level.ERROR, "failed", new IllegalStateException());
        queue.offer(Level.ERROR, "failed", new IllegalStateException());
        assertEquals(1, take(queue).times());
        assertEquals(1, take(queue).times());
    }

    @Test
    void pastTheCapacityMessagesAreDroppedCountedAndReportedOnceThereIsRoom() throws Exception {
        LogQueue queue = new LogQueue(4);
        for (int i = 0; i < 10; i++) {
            assertEquals(i < 4, queue.offer(Level.INFO, "m" + i, null));
        }
        assertEquals(6, queue.droppedInAll());
        assertEquals("m0", take(queue).text());
        assertEquals("m1", take(queue).text()); // down to half: the report is queued behind what is left
        assertEquals("m2", take(queue).text());
        assertEquals("m3", take(queue).text());
        LogQueue.Entry report = take(queue);
        assertEquals(Level.WARNING, report.level);
        assertEquals("6 log messages were dropped: the agent's log queue (4 messages) was full", report.text());
        assertNull(take(queue));
        assertEquals(6, queue.droppedInAll(), "the total stays for the report at exit");
    }

    @Test
    void aSustainedFloodIsReportedOnceItEbbsNotPerLine() throws Exception {
        LogQueue queue = new LogQueue(4);
        int reports = 0;
        for (int i = 0; i < 100; i++) {
            queue.offer(Level.INFO, "flood " + i, null);
            queue.offer(Level.INFO, "flood more " + i, null);
            if (take(queue).message.contains("dropped")) {
                reports++;
            }
        }
        assertEquals(0, reports, "the queue never had room to spare during the flood");
        LogQueue.Entry entry;
        while ((entry = take(queue)) != null) {
            reports += entry.message.contains("dropped") ? 1 : 0;
        }
        assertEquals(1, reports);
    }

    @Test
    void theWriterIsBusyUntilItsEntryIsWritten() throws Exception {
        LogQueue queue = new LogQueue(4);
        queue.offer(Level.INFO, "m", null);
        assertFalse(queue.isIdle());
        queue.take(0, TimeUnit.SECONDS);
        assertTrue(queue.isEmpty());
        assertFalse(queue.isIdle());
        queue.written();
        assertTrue(queue.isIdle());
    }

    @Test
    void aCapacityBelowTwoIsRefused() {
        assertEquals("log queue capacity 1; expected at least 2",
                assertThrows(IllegalArgumentException.class, () -> new LogQueue(1)).getMessage());
    }
}
