package dev.statickeys.agent;

import dev.statickeys.internal.core.DaemonThreads;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * The agent's messages, written through {@link System.Logger} (logger {@code dev.statickeys}) so the
 * application's logging picks them up.
 *
 * <p>Messages are handed to a daemon thread rather than logged on the caller's thread: reports come from
 * inside {@code ClassFileTransformer.transform} and static initializers, where initializing a logging
 * framework could load application classes or re-enter a class being initialized. They wait in a
 * {@link LogQueue} of {@value #CAPACITY} entries: identical messages coalesce, and past the capacity
 * messages are dropped and counted, so a flood of flips cannot grow the heap.
 *
 * <p><b>When messages are written.</b> The agent never initializes {@code java.util.logging} (the
 * default backend of {@code System.Logger}) itself, since an application server that installs its own
 * {@code LogManager} later would then get the JDK's. Messages are written through {@code System.Logger}
 * once {@link #loggingStarted()} is called (the application's {@code LogManager} initialized, see
 * {@code LoggingStartWatch}); until then they wait, and those still waiting {@value #LOGGING_WAIT_SECONDS}
 * seconds after the agent started, or reported later before logging starts, are printed to standard error
 * as {@code LEVEL: statickeys: message} (the second line of java.util.logging's default format). At exit
 * whatever is left is printed to standard error the same way, with the count of dropped messages.
 */
public final class Reports {
    public static final String LOGGER = "dev.statickeys";
    /** The most messages waiting at once. */
    public static final int CAPACITY = 1_000;
    /** How long messages wait for the application's logging before going to standard error. */
    public static final long LOGGING_WAIT_SECONDS = 10;

    private static final long IDLE_SECONDS = 30;
    private static final long EXIT_WAIT_MILLIS = 2_000;
    private static final long STARTED_NANOS = System.nanoTime();
    private static final Set<String> REPORTED = ConcurrentHashMap.newKeySet();
    private static final LogQueue QUEUE = new LogQueue(CAPACITY);
    private static final List<Runnable> AT_EXIT = new CopyOnWriteArrayList<>();
    /** Guards the logging gate: {@link #loggingStarted} and {@link #exiting} wake a writer waiting on it. */
    private static final Object GATE = new Object();
    private static volatile Thread writer;
    private static volatile boolean exitHook;
    private static volatile boolean exiting;
    /** Open unless the agent closed it in premain: used in-process (tests, tools), messages go out at once. */
    private static volatile boolean loggingStarted = true;
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
     * From now on messages wait for {@link #loggingStarted()} (or the {@value #LOGGING_WAIT_SECONDS} s
     * deadline). The agent calls this when it starts, before it reports anything; without it (the agent's
     * classes used in-process by tests and tools) messages are written through {@code System.Logger} at once.
     */
    public static void awaitApplicationLogging() {
        synchronized (GATE) {
            loggingStarted = false;
        }
    }

    /** {@link #loggingStarted()} as a task, for the watch that sees the application's logging start. */
    public static final Runnable LOGGING_STARTED = new Task(Task.LOGGING_STARTED);

    /**
     * The application's logging exists: from now on messages are written through {@code System.Logger}.
     * Cheap and non-blocking: it may be called on a thread that is loading a class.
     */
    public static void loggingStarted() {
        synchronized (GATE) {
            loggingStarted = true;
            GATE.notifyAll();
        }
    }

    /**
     * Runs {@code task} when the JVM exits, before queued messages are flushed, so what it reports is
     * printed. Tasks must be quick and must not throw.
     */
    public static void atExit(Runnable task) {
        AT_EXIT.add(task);
        addExitHook();
    }

    /** Logs {@code message} the first time {@code id} is reported; later reports of {@code id} are dropped. */
    public static void once(String id, Level level, String message) {
        if (REPORTED.add(id)) {
            log(level, message, null);
        }
    }

    /** Queues {@code message} for the writer (see the class comment); never blocks. */
    public static void log(Level level, String message, Throwable error) {
        if (!enabled(level)) {
            return;
        }
        QUEUE.offer(level, message, error);
        if (writer == null) {
            startWriter();
        }
    }

    private static synchronized void startWriter() {
        addExitHook();
        if (writer == null) {
            writer = DaemonThreads.start("statickeys-log", new Task(Task.DRAIN));
        }
    }

    private static synchronized void addExitHook() {
        if (exitHook) {
            return;
        }
        exitHook = true;
        try {
            // Messages still queued when the JVM exits go to stderr rather than being lost.
            Runtime.getRuntime().addShutdownHook(DaemonThreads.newThread("statickeys-log-exit",
                    new Task(Task.FLUSH_AT_EXIT)));
        } catch (IllegalStateException | SecurityException e) {
            // shutting down already
        }
    }

    /** The writer: ends when nothing came for {@link #IDLE_SECONDS}, and is started again by the next message. */
    private static void drain() {
        Logger logger = null;
        boolean noLogger = false;
        while (true) {
            LogQueue.Entry entry;
            try {
                entry = QUEUE.take(IDLE_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                writer = null;
                return;
            }
            if (entry == null) {
                synchronized (Reports.class) {
                    // A message queued after this check finds writer null and starts a new writer.
                    if (QUEUE.isEmpty()) {
                        writer = null;
                        return;
                    }
                }
                continue;
            }
            try {
                if (!awaitLogging()) {
                    printToStandardError(entry);
                    continue;
                }
                if (logger == null && !noLogger) {
                    logger = logger();
                    noLogger = logger == null;
                }
                if (logger == null) {
                    printToStandardError(entry);
                } else {
                    write(logger, entry);
                }
            } finally {
                QUEUE.written();
            }
        }
    }

    /**
     * Waits until the application's logging started, the JVM exits, or {@link #LOGGING_WAIT_SECONDS} after
     * start-up passed; true if messages go through {@code System.Logger}.
     */
    private static boolean awaitLogging() {
        synchronized (GATE) {
            long deadline = STARTED_NANOS + TimeUnit.SECONDS.toNanos(LOGGING_WAIT_SECONDS);
            while (!loggingStarted && !exiting) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(GATE, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            return loggingStarted && !exiting;
        }
    }

    /** The agent's logger, or null (after printing why) if the application's logging cannot give one. */
    private static Logger logger() {
        try {
            return System.getLogger(LOGGER);
        } catch (RuntimeException | LinkageError e) {
            System.err.println(Level.WARNING + ": statickeys: System.getLogger(\"" + LOGGER + "\") failed (" + e
                    + "); messages are printed here");
            return null;
        }
    }

    private static void write(Logger logger, LogQueue.Entry entry) {
        try {
            if (entry.error == null) {
                logger.log(entry.level, "statickeys: " + entry.text());
            } else {
                logger.log(entry.level, "statickeys: " + entry.text(), entry.error);
            }
            if (exiting) {
                // The JVM began to exit during the call: java.util.logging's own exit hook may have
                // closed its handlers under it. Printing twice beats losing the message.
                printToStandardError(entry);
            }
        } catch (RuntimeException e) {
            printToStandardError(entry);
        }
    }

    /**
     * At exit: from now on the writer prints to stderr (logging frameworks shut down in their own exit
     * hooks); let it finish (bounded), then print what is still queued and how many messages were dropped.
     */
    private static void flushToStandardError() {
        synchronized (GATE) {
            exiting = true;
            GATE.notifyAll();
        }
        // After exiting is set, so the writer prints what the tasks report instead of handing it to a
        // logging framework that may be shutting down.
        for (Runnable task : AT_EXIT) {
            try {
                task.run();
            } catch (RuntimeException e) {
                // a report at exit is best effort
            }
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(EXIT_WAIT_MILLIS);
        while (writer != null && !QUEUE.isIdle() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                break;
            }
        }
        LogQueue.Entry entry;
        while ((entry = QUEUE.poll()) != null) {
            printToStandardError(entry);
        }
        long dropped = QUEUE.droppedInAll();
        if (dropped > 0) {
            System.err.println(Level.WARNING + ": statickeys: in all, " + QUEUE.droppedReport(dropped));
        }
    }

    /** The same text as java.util.logging's default format prints on its second line, for readers and tools. */
    private static void printToStandardError(LogQueue.Entry entry) {
        System.err.println(entry.level + ": statickeys: " + entry.text());
    }

    /**
     * The writer's loop, the exit flush and the logging gate as tasks: a class rather than three method
     * references, which would each be a class spun on the start path (see the package comment).
     */
    private static final class Task implements Runnable {
        static final int LOGGING_STARTED = 0;
        static final int DRAIN = 1;
        static final int FLUSH_AT_EXIT = 2;
        private final int what;

        Task(int what) {
            this.what = what;
        }

        @Override
        public void run() {
            switch (what) {
                case DRAIN:
                    drain();
                    break;
                case FLUSH_AT_EXIT:
                    flushToStandardError();
                    break;
                default:
                    loggingStarted();
            }
        }
    }
}
