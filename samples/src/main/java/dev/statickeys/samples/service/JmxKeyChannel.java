package dev.statickeys.samples.service;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import javax.management.AttributeNotFoundException;
import javax.management.JMException;
import javax.management.MBeanException;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.ReflectionException;
import javax.management.RuntimeMBeanException;
import javax.management.openmbean.CompositeData;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * Flips keys through the agent's MXBean {@value #OBJECT_NAME} in the service JVM: operations
 * {@code enable(String)} and {@code disable(String)}, attributes {@code Keys} (one {@code CompositeData}
 * per key with at least {@code name}, {@code enabled}, {@code count}) and {@code Backend}. It connects on
 * first use, through the JVM's local connector ({@link LocalManagementAgent}). Needs the
 * {@code java.management} and {@code jdk.attach} modules: create it only after checking they are there.
 */
final class JmxKeyChannel implements KeyChannel {
    static final String OBJECT_NAME = "dev.statickeys:type=StaticKeys";
    private static final String[] ONE_STRING = {String.class.getName()};
    /** How long a connection waits for the agent's MXBean to appear. */
    private static final long REGISTRATION_WAIT_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(5);

    private final long pid;
    private JMXConnector connector;
    private MBeanServerConnection connection;
    private ObjectName mbean;
    private ScenarioException unusable;

    JmxKeyChannel(long pid) {
        this.pid = pid;
    }

    @Override
    public String name() {
        return "JMX";
    }

    @Override
    public void enable(String key) throws ScenarioException {
        invoke("enable", key);
    }

    @Override
    public void disable(String key) throws ScenarioException {
        invoke("disable", key);
    }

    /** The MXBean's {@code Backend} and {@code Keys} attributes, one line each, keys indented below. */
    @Override
    public List<String> report() throws ScenarioException {
        List<String> lines = new ArrayList<>();
        lines.add("Backend: " + attribute("Backend"));
        Object keys = attribute("Keys");
        if (!(keys instanceof CompositeData[])) {
            throw new ScenarioException("JMX: attribute Keys of " + OBJECT_NAME + " is a "
                    + (keys == null ? "null" : keys.getClass().getName()) + ", expected CompositeData[]");
        }
        lines.add("Keys:");
        for (CompositeData key : (CompositeData[]) keys) {
            lines.add("  " + describe(key));
        }
        return lines;
    }

    @Override
    public void close() {
        if (connector != null) {
            try {
                connector.close();
            } catch (IOException e) {
                // The service JVM may be gone already; nothing is left to release here.
            }
        }
    }

    /** {@code name=.. enabled=.. count=..} followed by any further items, sorted. */
    private static String describe(CompositeData key) {
        StringBuilder out = new StringBuilder();
        TreeSet<String> items = new TreeSet<>(key.getCompositeType().keySet());
        for (String first : List.of("name", "enabled", "count")) {
            if (items.remove(first)) {
                out.append(first).append('=').append(key.get(first)).append(' ');
            }
        }
        for (String item : items) {
            out.append(item).append('=').append(key.get(item)).append(' ');
        }
        return out.toString().strip();
    }

    private void invoke(String operation, String key) throws ScenarioException {
        String call = operation + "(\"" + key + "\")";
        try {
            connection().invoke(mbean, operation, new Object[] {key}, ONE_STRING);
        } catch (ReflectionException e) {
            throw new ScenarioException("JMX: " + OBJECT_NAME + " has no operation " + operation + "(String): "
                    + e.getCause(), e);
        } catch (MBeanException | RuntimeMBeanException e) {
            throw new ScenarioException("JMX: " + call + " failed in the service JVM: " + e.getCause(), e);
        } catch (JMException | IOException | RuntimeException e) {
            throw new ScenarioException("JMX: " + call + " on " + OBJECT_NAME + " failed: " + e, e);
        }
    }

    private Object attribute(String attribute) throws ScenarioException {
        try {
            return connection().getAttribute(mbean, attribute);
        } catch (AttributeNotFoundException e) {
            throw new ScenarioException("JMX: " + OBJECT_NAME + " has no attribute " + attribute, e);
        } catch (JMException | IOException | RuntimeException e) {
            throw new ScenarioException("JMX: reading attribute " + attribute + " of " + OBJECT_NAME + " failed: " + e, e);
        }
    }

    /**
     * Connects on first use and checks that the MXBean is there, so that its absence is named as such.
     * A channel that failed once fails again with the same message, without attaching again.
     */
    private MBeanServerConnection connection() throws ScenarioException {
        if (connection != null) {
            return connection;
        }
        if (unusable != null) {
            throw new ScenarioException(unusable.getMessage(), unusable);
        }
        try {
            connection = connect();
            return connection;
        } catch (ScenarioException e) {
            unusable = e;
            throw e;
        }
    }

    /**
     * The agent registers its MXBean shortly after the platform MBean server exists, and connecting may be
     * what creates that server (the local connector starts the JVM's management agent), so the bean may
     * appear a moment after the connection: wait for it, within a bound.
     */
    private boolean awaitRegistered(MBeanServerConnection server) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + REGISTRATION_WAIT_NANOS;
        while (!server.isRegistered(mbean)) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            Thread.sleep(50);
        }
        return true;
    }

    private MBeanServerConnection connect() throws ScenarioException {
        String address = LocalManagementAgent.address(pid);
        try {
            connector = JMXConnectorFactory.connect(new JMXServiceURL(address));
            MBeanServerConnection server = connector.getMBeanServerConnection();
            mbean = new ObjectName(OBJECT_NAME);
            if (!awaitRegistered(server)) {
                throw new ScenarioException("JMX: no MBean " + OBJECT_NAME + " in the service JVM (pid " + pid
                        + "); the statickeys agent there did not register it");
            }
            return server;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ScenarioException("JMX: interrupted while connecting to the service JVM (pid " + pid + ")", e);
        } catch (IOException | JMException e) {
            throw new ScenarioException("JMX: cannot connect to the service JVM (pid " + pid + ") at " + address
                    + ": " + e, e);
        }
    }
}
