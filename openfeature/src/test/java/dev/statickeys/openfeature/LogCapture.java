package dev.statickeys.openfeature;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Collects what {@code dev.statickeys.openfeature} logs (System.Logger, backed by java.util.logging). */
final class LogCapture extends Handler implements AutoCloseable {
    private final Logger logger = Logger.getLogger("dev.statickeys.openfeature");
    private final Level previous = logger.getLevel();
    private final List<LogRecord> records = new ArrayList<>();

    LogCapture() {
        setLevel(Level.ALL);
        logger.setLevel(Level.ALL);
        logger.addHandler(this);
    }

    @Override
    public synchronized void publish(LogRecord record) {
        records.add(record);
    }

    /** How many messages at {@code level} or above contain {@code text}. */
    synchronized long count(Level level, String text) {
        return records.stream()
                .filter(record -> record.getLevel().intValue() >= level.intValue())
                .filter(record -> record.getMessage() != null && record.getMessage().contains(text))
                .count();
    }

    /** Waits until some message at {@code level} or above contains {@code text}. */
    void await(Level level, String text) {
        Waits.until("a log message at " + level + " containing \"" + text + "\"; got " + this,
                () -> count(level, text) > 0);
    }

    /** Waits until more than {@code before} messages at {@code level} or above contain {@code text}. */
    void awaitMore(Level level, String text, long before) {
        Waits.until("another log message containing \"" + text + "\"", () -> count(level, text) > before);
    }


    @Override
    public synchronized String toString() {
        StringBuilder out = new StringBuilder();
        for (LogRecord record : records) {
            out.append("\n  ").append(record.getLevel()).append(' ').append(record.getMessage());
        }
        return out.toString();
    }

    @Override
    public void flush() {}

    @Override
    public void close() {
        logger.removeHandler(this);
        logger.setLevel(previous);
    }
}
