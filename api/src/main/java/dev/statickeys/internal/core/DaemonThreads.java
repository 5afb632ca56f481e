package dev.statickeys.internal.core;

import java.security.AccessController;
import java.security.PrivilegedAction;

/**
 * Not API. The one place where statickeys creates threads. A thread keeps its context class loader and,
 * before JDK 24, the access control context of the code that created it; a thread started from a
 * webapp's request would pin that webapp's class loader for as long as it runs. Threads made here have
 * the system class loader as context and inherit no access control context (they are created inside
 * {@code doPrivileged}, which leaves only this class's protection domain in the inherited context).
 */
public final class DaemonThreads {
    private DaemonThreads() {}

    /** A daemon thread named {@code name} running {@code task}, not started. */
    @SuppressWarnings("removal")
    public static Thread create(String name, Runnable task) {
        return AccessController.doPrivileged((PrivilegedAction<Thread>) () -> {
            Thread thread = new Thread(null, task, name, 0, false);
            thread.setDaemon(true);
            thread.setContextClassLoader(ClassLoader.getSystemClassLoader());
            return thread;
        });
    }

    /** Creates and starts a daemon thread, as {@link #create}. */
    public static Thread start(String name, Runnable task) {
        Thread thread = create(name, task);
        thread.start();
        return thread;
    }
}
