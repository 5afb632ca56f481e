package dev.statickeys.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Collects what the agent reports through {@code System.Logger} (logger {@code dev.statickeys}, backed
 * by java.util.logging). Reports are written by a background thread, so {@link #await} waits for them.
 */
public final class LogCapture extends Handler implements AutoCloseable {
    private final Logger logger = Logger.getLogger("dev.statickeys");
    private final List<String> messages = new ArrayList<>();

    public LogCapture() {
        logger.addHandler(this);
    }

    @Override
    public synchronized void publish(LogRecord record) {
        messages.add(record.getMessage());
        notifyAll();
    }

    /** The first message containing {@code text}, waiting up to {@code seconds}; null if none came. */
    public synchronized String await(String text, long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (true) {
            for (String message : messages) {
                if (message.contains(text)) {
                    return message;
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return null;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }

    /** How many messages received so far contain {@code text}. */
    public synchronized long count(String text) {
        return messages.stream().filter(message -> message.contains(text)).count();
    }

    @Override
    public void flush() {}

    @Override
    public void close() {
        logger.removeHandler(this);
    }
}
