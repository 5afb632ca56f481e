package dev.statickeys.agent.ops;

import dev.statickeys.internal.core.DaemonThreads;
import java.util.concurrent.TimeUnit;
import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;

/**
 * When the agent's MXBean is registered. The agent never creates the platform MBean server before the
 * application could: an application server that sets {@code javax.management.builder.initial} to a
 * builder of its own class loader (WildFly) would otherwise get the JDK's server.
 *
 * <p>The rule, from the first key the agent knows on (the application defines or looks up a key, or a class
 * with a site loads: a JVM that never meets a key gets no thread), on a daemon thread of its own
 * ({@code statickeys-jmx}, which ends once the bean is registered):
 * <ol>
 * <li>As soon as the platform MBean server exists, whoever created it (the application, a JMX connector,
 *     another agent), the bean is registered in it. The check, every {@value #CHECK_MILLIS} ms, looks
 *     at the servers {@link MBeanServerFactory#findMBeanServer} lists, which creates nothing.</li>
 * <li>If it does not exist {@value #CREATE_AFTER_SECONDS} seconds after the first key and no
 *     builder of the application's is configured (neither {@code javax.management.builder.initial} nor
 *     JBoss Modules' {@code jboss.modules.system.pkgs} is set), the agent creates it: the application
 *     would get the same JDK server.</li>
 * <li>Otherwise the agent keeps waiting for the application to create it.</li>
 * </ol>
 * A JMX client that connects early may therefore see the bean appear up to {@value #CHECK_MILLIS} ms
 * after the server does.
 */
public final class JmxRegistration {
    /** How often the thread looks for the platform server. */
    public static final long CHECK_MILLIS = 100;
    /** When the agent creates the platform server itself if nothing configures it. */
    public static final long CREATE_AFTER_SECONDS = 10;
    /** Registered in the platform server by the JDK as soon as it is created. */
    private static final String PLATFORM_BEAN = "java.lang:type=Runtime";

    private JmxRegistration() {}

    /** What the agent runs when it first knows a key: starts the thread that registers {@code bean}. */
    public static Runnable watcher(StaticKeysBean bean) {
        return () -> DaemonThreads.start("statickeys-jmx", () -> awaitServerAndRegister(bean));
    }

    private static void awaitServerAndRegister(StaticKeysBean bean) {
        long createAt = System.nanoTime() + TimeUnit.SECONDS.toNanos(CREATE_AFTER_SECONDS);
        try {
            while (!platformServerExists() && (System.nanoTime() - createAt < 0 || applicationBuildsServer())) {
                Thread.sleep(CHECK_MILLIS);
            }
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

    /** Whether the application configured a builder of its own, which it must be the one to load. */
    static boolean applicationBuildsServer() {
        return System.getProperty("javax.management.builder.initial") != null
                || System.getProperty("jboss.modules.system.pkgs") != null;
    }
}
