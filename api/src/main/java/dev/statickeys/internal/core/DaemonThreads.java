package dev.statickeys.internal.core;

import java.security.AccessController;
import java.security.PrivilegedAction;
import java.util.concurrent.ThreadFactory;

/**
 * Not API: the one place where statickeys (the API and the agent, which carries a copy of the core)
 * creates threads, so that no thread it starts keeps an application's class loader alive.
 *
 * <p>A {@code new Thread(...)} made on an application thread would keep, for its whole life, that
 * thread's context class loader, its inheritable thread-local values, its thread group and (JDK 17 to 23)
 * the access control context of every class on its stack: each of them can reach a webapp's class loader,
 * which then is never collected after the webapp is undeployed. Threads made here instead have
 * <ul>
 * <li>the system class loader as context class loader;</li>
 * <li>no inherited thread-local values;</li>
 * <li>the JVM's root thread group;</li>
 * <li>an access control context made inside {@code doPrivileged} from this class alone (JDK 17 to 23;
 *     from JDK 24 threads capture no such context at all);</li>
 * <li>the daemon flag, so they never keep the JVM from exiting.</li>
 * </ul>
 * What a thread still reaches is what its task reaches: a task that holds application objects pins them
 * while it runs, so callers let their threads end when idle where they can.
 *
 * <p>Thread-safe; creating a thread costs what {@code new Thread} costs.
 */
public final class DaemonThreads {
    private DaemonThreads() {}

    /**
     * A daemon thread named {@code name} that runs {@code task}, not started (for example for
     * {@link Runtime#addShutdownHook}).
     *
     * @throws NullPointerException if an argument is null
     */
    @SuppressWarnings("removal") // AccessController: the inherited context exists only on JDK 17 to 23
    public static Thread newThread(String name, Runnable task) {
        if (name == null || task == null) {
            throw new NullPointerException("DaemonThreads.newThread: name and task must not be null");
        }
        return AccessController.doPrivileged(new Create(name, task));
    }

    /** {@link #create} as a privileged action: a class, not a lambda, as the agent's start path makes threads. */
    private static final class Create implements PrivilegedAction<Thread> {
        private final String name;
        private final Runnable task;

        Create(String name, Runnable task) {
            this.name = name;
            this.task = task;
        }

        @Override
        public Thread run() {
            return create(name, task);
        }
    }

    /** As {@link #newThread}, started. */
    public static Thread start(String name, Runnable task) {
        Thread thread = newThread(name, task);
        thread.start();
        return thread;
    }

    /** A factory of {@link #newThread} threads, all named {@code name} (for executors). */
    public static ThreadFactory factory(String name) {
        if (name == null) {
            throw new NullPointerException("DaemonThreads.factory: name must not be null");
        }
        return task -> newThread(name, task);
    }

    private static Thread create(String name, Runnable task) {
        // inheritThreadLocals=false: an application's InheritableThreadLocal values may hold its loader.
        Thread thread = new Thread(rootGroup(), task, name, 0, false);
        thread.setDaemon(true);
        thread.setContextClassLoader(ClassLoader.getSystemClassLoader());
        return thread;
    }

    /** The root of the thread groups: an application's own (sub)group may be a class of its loader. */
    private static ThreadGroup rootGroup() {
        ThreadGroup group = Thread.currentThread().getThreadGroup();
        while (group.getParent() != null) {
            group = group.getParent();
        }
        return group;
    }
}
