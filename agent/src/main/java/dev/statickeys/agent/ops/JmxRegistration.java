package dev.statickeys.agent.ops;

import dev.statickeys.internal.core.DaemonThreads;
import java.util.concurrent.TimeUnit;
import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;

/**
 * When the agent's MXBean is registered: in the platform MBean server once something else has created
 * it (the application, a JMX connector started by {@code com.sun.management.jmxremote} or by a tool
 * attaching, another agent). The agent never creates that server itself:
 * <ul>
 * <li>an application server that sets {@code javax.management.builder.initial} to a builder of its own
 *     class loader (WildFly) would otherwise get the JDK's server;</li>
 * <li>creating it loads about 500 classes and compiles their code, and HotSpot walks every loaded class
 *     and all compiled code on each class redefinition: measured here, every holder flip took about 1.1
 *     ms longer once the agent had created it (issue 19), a cost a JVM nobody watches over JMX should not
 *     pay. Where the application creates the server, the MXBean adds nothing to a flip.</li>
 * </ul>
 * The watch starts with the first key the agent knows (the application defines or looks up a key, or a
 * class with a site loads: a JVM that never meets a key gets no thread), on a daemon thread of its own
 * ({@code statickeys-jmx}, which ends once the bean is registered). It looks at the servers
 * {@link MBeanServerFactory#findMBeanServer} lists, which creates nothing: every {@value #CHECK_MILLIS} ms
 * for the first {@value #FAST_CHECK_SECONDS} seconds, then every {@value #SLOW_CHECK_MILLIS} ms. The first look
 * too comes {@value #CHECK_MILLIS} ms after the start: looking loads JMX's classes (about 5 ms of a core
 * while the application starts, issue 19's start-up profile), which a JVM that is done by then never needs. A JMX
 * client whose connection creates the server therefore sees the bean appear up to
 * {@value #SLOW_CHECK_MILLIS} ms later.
 */
public final class JmxRegistration {
    /** How often the thread looks for the platform server at first. */
    public static final long CHECK_MILLIS = 100;
    /** How long the thread looks every {@link #CHECK_MILLIS} ms (an application creates it at start-up). */
    public static final long FAST_CHECK_SECONDS = 10;
    /** How often the thread looks for the platform server after {@link #FAST_CHECK_SECONDS}. */
    public static final long SLOW_CHECK_MILLIS = 1_000;
    /** Registered in the platform server by the JDK as soon as it is created. */
    private static final String PLATFORM_BEAN = "java.lang:type=Runtime";

    private JmxRegistration() {}

    /** What the agent runs when it first knows a key: starts the thread that registers {@code bean}. */
    public static Runnable watcher(StaticKeysBean bean) {
        return new Watcher(bean, false);
    }

    /**
     * Starts the watching thread when run, and is that thread's task: a class rather than two lambdas, which
     * would be classes spun on the start path (see the agent's package comment).
     */
    private static final class Watcher implements Runnable {
        private final StaticKeysBean bean;
        private final boolean onItsThread;

        Watcher(StaticKeysBean bean, boolean onItsThread) {
            this.bean = bean;
            this.onItsThread = onItsThread;
        }

        @Override
        public void run() {
            if (onItsThread) {
                awaitServerAndRegister(bean);
            } else {
                DaemonThreads.start("statickeys-jmx", new Watcher(bean, true));
            }
        }
    }

    private static void awaitServerAndRegister(StaticKeysBean bean) {
        long slowFrom = System.nanoTime() + TimeUnit.SECONDS.toNanos(FAST_CHECK_SECONDS);
        try {
            do {
                Thread.sleep(System.nanoTime() - slowFrom < 0 ? CHECK_MILLIS : SLOW_CHECK_MILLIS);
            } while (!platformServerExists());
        } catch (InterruptedException e) {
            return;
        }
        bean.register();
    }

    /** Whether the platform MBean server was created; creates nothing. */
    static boolean platformServerExists() {
        ObjectName platformBean;
        try {
            platformBean = new ObjectName(PLATFORM_BEAN);
        } catch (MalformedObjectNameException e) {
            throw new AssertionError(e);
        }
        for (MBeanServer server : MBeanServerFactory.findMBeanServer(null)) {
            try {
                if (server.isRegistered(platformBean)) {
                    return true;
                }
            } catch (RuntimeException e) {
                // an application's own server that cannot answer is not the platform's
            }
        }
        return false;
    }
}
