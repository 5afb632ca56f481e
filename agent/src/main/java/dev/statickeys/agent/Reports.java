package dev.statickeys.agent;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The agent's messages, written through {@link System.Logger} (logger {@code dev.statickeys}) so the
 * application's logging picks them up.
 *
 * <p>Messages are handed to a daemon thread rather than logged on the caller's thread: reports come from
 * inside {@code ClassFileTransformer.transform} and static initializers, where initializing a logging
 * framework could load application classes or re-enter a class being initialized.
 */
public final class Reports {
    public static final String LOGGER = "dev.statickeys";

    private static final Set<String> REPORTED = ConcurrentHashMap.newKeySet();
    private static final LinkedBlockingQueue<Entry> QUEUE = new LinkedBlockingQueue<>();
    private static final AtomicInteger UNWRITTEN = new AtomicInteger();
    private static final long EXIT_WAIT_MILLIS = 2_000;
    private static final List<Runnable> AT_EXIT = new CopyOnWriteArrayList<>();
    private static volatile Thread writer;
    private static volatile boolean exiting;
    private static volatile int threshold = Level.INFO.getSeverity();

    private Reports() {}

    /** Drops messages less severe than {@code level} before they are queued (the {@code logLevel} setting). */
    public static void threshold(Level level) {
        threshold = level.getSeverity();
    }

    /** Whether messages at {@code level} are passed on; check before building an expensive message. */
    public static boolean enabled(Level level) {
        return level.getSeverity() >= threshold && level != Level.OFF;
    }

    /**
     * Runs {@code task} when the JVM exits, before queued messages are flushed, so what it reports is
     * printed. Tasks must be quick and must not throw.
     */
    public static void atExit(Runnable task) {
        AT_EXIT.add(task);
        if (writer == null) {
            startWriter();
        }
    }

    /** Logs {@code message} the first time {@code id} is reported; later reports of {@code id} are dropped. */
    public static void once(String id, Level level, String message) {
        if (REPORTED.add(id)) {
            log(level, message, null);
        }
    }

    public static void log(Level level, String message, Throwable error) {
        if (!enabled(level)) {
            return;
        }
        UNWRITTEN.incrementAndGet();
        QUEUE.add(new Entry(level, message, error));
        if (writer == null) {
            startWriter();
        }
    }

    private static synchronized void startWriter() {
        if (writer != null) {
            return;
        }
        Thread thread = new Thread(Reports::drain, "statickeys-log");
        thread.setDaemon(true);
        writer = thread;
        thread.start();
        try {
            // Messages still queued when the JVM exits go to stderr rather than being lost.
            Runtime.getRuntime().addShutdownHook(new Thread(Reports::flushToStandardError, "statickeys-log-exit"));
        } catch (IllegalStateException | SecurityException e) {
            // shutting down already
        }
    }

    private static void drain() {
        Logger logger = System.getLogger(LOGGER);
        while (true) {
            Entry entry;
            try {
                entry = QUEUE.take();
            } catch (InterruptedException e) {
                return;
            }
            try {
                if (exiting) {
                    printToStandardError(entry);
                    continue;
                }
                if (entry.error == null) {
                    logger.log(entry.level, "statickeys: " + entry.message);
                } else {
                    logger.log(entry.level, "statickeys: " + entry.message, entry.error);
                }
                if (exiting) {
                    // The JVM began to exit during the call: java.util.logging's own exit hook may have
                    // closed its handlers under it. Printing twice beats losing the message.
                    printToStandardError(entry);
                }
            } catch (RuntimeException e) {
                printToStandardError(entry);
            } finally {
                UNWRITTEN.decrementAndGet();
            }
        }
    }

    /**
     * At exit: from now on the writer prints to stderr (logging frameworks shut down in their own exit
     * hooks); let it finish (bounded), then print what is still queued.
     */
    private static void flushToStandardError() {
        exiting = true;
        // After exiting is set, so the writer prints what the tasks report instead of handing it to a
        // logging framework that may be shutting down.
        for (Runnable task : AT_EXIT) {
            try {
                task.run();
            } catch (RuntimeException e) {
                // a report at exit is best effort
            }
        }
        long deadline = System.nanoTime() + EXIT_WAIT_MILLIS * 1_000_000;
        while (UNWRITTEN.get() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                break;
            }
        }
        Entry entry;
        while ((entry = QUEUE.poll()) != null) {
            printToStandardError(entry);
        }
    }

    /** The same text as java.util.logging's default format prints on its second line, for readers and tools. */
    private static void printToStandardError(Entry entry) {
        System.err.println(entry.level + ": statickeys: " + entry.message);
    }

    private static final class Entry {
        final Level level;
        final String message;
        final Throwable error;

        Entry(Level level, String message, Throwable error) {
            this.level = level;
            this.message = message;
            this.error = error;
        }
    }
}
