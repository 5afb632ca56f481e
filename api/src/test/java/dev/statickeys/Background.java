package dev.statickeys;

import static org.junit.jupiter.api.Assertions.assertFalse;

/** Runs a piece of test code on its own thread and reports whether it returned and what it threw. */
final class Background {
    private final Thread thread;
    private volatile boolean returned;
    private volatile Throwable failure;

    private Background(String name, Runnable body) {
        thread = new Thread(() -> {
            try {
                body.run();
                returned = true;
            } catch (Throwable e) {
                failure = e;
            }
        }, name);
        thread.setDaemon(true);
    }

    static Background start(String name, Runnable body) {
        Background background = new Background(name, body);
        background.thread.start();
        return background;
    }

    Thread thread() {
        return thread;
    }

    /** Whether the body ran to its end without throwing. */
    boolean returned() {
        return returned;
    }

    /** Waits (bounded) for the thread to end and rethrows what the body threw, if anything. */
    void finish() {
        join();
        if (failure != null) {
            throw new AssertionError(thread.getName() + " failed", failure);
        }
    }

    /** Waits (bounded) for the thread to end. */
    void join() {
        try {
            thread.join(Await.LIMIT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for " + thread.getName(), e);
        }
        assertFalse(thread.isAlive(), thread.getName() + " did not finish within " + Await.LIMIT);
    }
}
