package dev.statickeys.agent;

import java.lang.System.Logger.Level;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The agent's messages waiting to be written: a bounded FIFO that never blocks its producers.
 *
 * <ul>
 * <li>A message equal (level and text, no exception) to one still queued is not queued again: the queued
 *     one counts it, and is written once with the number of times it was reported.</li>
 * <li>At {@link #capacity()} entries a new message is dropped and counted. Once the writer has taken the
 *     queue down to half its capacity, one {@code WARNING} entry reporting how many were dropped is queued
 *     (so a sustained flood produces one report when it ends, not one per line);
 *     {@link #droppedInAll()} keeps the total for the report at exit.</li>
 * </ul>
 * Memory is bounded by the capacity times the size of one message. Thread-safe.
 */
final class LogQueue {
    /** One queued message; {@link #times()} counts the identical messages folded into it. */
    static final class Entry {
        final Level level;
        final String message;
        final Throwable error;
        private int times = 1;

        Entry(Level level, String message, Throwable error) {
            this.level = level;
            this.message = message;
            this.error = error;
        }

        /** How many times the message was reported while queued (at least 1). */
        int times() {
            return times;
        }

        /** The message as written: with the repeat count when it was reported more than once. */
        String text() {
            return times == 1 ? message : message + " (" + times + " times)";
        }
    }

    /**
     * What repeats are coalesced on. A class rather than a record: a record's equals and hashCode are
     * bootstrapped through invokedynamic at first use, which costs the first log line (in premain) about 60
     * classes (issue 19's start-up profile).
     */
    private static final class Key {
        private final Level level;
        private final String message;

        Key(Level level, String message) {
            this.level = level;
            this.message = message;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key && ((Key) other).level == level && ((Key) other).message.equals(message);
        }

        @Override
        public int hashCode() {
            return 31 * level.hashCode() + message.hashCode();
        }
    }

    private final int capacity;
    private final ArrayDeque<Entry> entries = new ArrayDeque<>();
    private final Map<Key, Entry> coalescing = new HashMap<>();
    private long droppedSinceReport;
    private long droppedInAll;
    private int taken;

    /** @param capacity the most entries held at once (at least 2) */
    LogQueue(int capacity) {
        if (capacity < 2) {
            throw new IllegalArgumentException("log queue capacity " + capacity + "; expected at least 2");
        }
        this.capacity = capacity;
    }

    /** The most entries held at once. */
    int capacity() {
        return capacity;
    }

    /**
     * Queues a message, or counts it into an identical queued one, or drops it when the queue is full.
     *
     * @return false if the message was dropped
     */
    synchronized boolean offer(Level level, String message, Throwable error) {
        Key key = error == null ? new Key(level, message) : null;
        if (key != null) {
            Entry same = coalescing.get(key);
            if (same != null) {
                same.times++;
                return true;
            }
        }
        if (entries.size() >= capacity) {
            droppedSinceReport++;
            droppedInAll++;
            return false;
        }
        Entry entry = new Entry(level, message, error);
        entries.add(entry);
        if (key != null) {
            coalescing.put(key, entry);
        }
        notifyAll();
        return true;
    }

    /**
     * The writer's take: the oldest entry, waiting up to {@code timeout} for one; null if none came. The
     * entry counts as in hand until {@link #written()}, so {@link #isIdle()} is false while it is written.
     */
    synchronized Entry take(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        while (entries.isEmpty()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return null;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        Entry entry = entries.poll();
        coalescing.remove(new Key(entry.level, entry.message), entry);
        if (droppedSinceReport > 0 && entries.size() <= capacity / 2) {
            entries.add(new Entry(Level.WARNING, droppedReport(droppedSinceReport), null));
            droppedSinceReport = 0;
        }
        taken++;
        return entry;
    }

    /** The entry of the last {@link #take} is written. */
    synchronized void written() {
        taken--;
    }

    /** Nothing is queued and no taken entry is being written. */
    synchronized boolean isIdle() {
        return entries.isEmpty() && taken == 0;
    }

    /** The oldest entry, or null at once if the queue is empty (at exit, for printing what is left). */
    synchronized Entry poll() {
        Entry entry = entries.poll();
        if (entry != null) {
            coalescing.remove(new Key(entry.level, entry.message), entry);
        }
        return entry;
    }

    synchronized boolean isEmpty() {
        return entries.isEmpty();
    }

    /** Every message dropped since the queue was made. */
    synchronized long droppedInAll() {
        return droppedInAll;
    }

    /** The text of the report of {@code dropped} messages. */
    String droppedReport(long dropped) {
        return String.format(Locale.ROOT, "%d log message%s dropped: the agent's log queue (%d messages) was full",
                dropped, dropped == 1 ? " was" : "s were", capacity);
    }
}
