package dev.statickeys.agent.boot;

import java.util.List;
import java.util.Map;

/**
 * The statickeys agent in JMX: {@value #OBJECT_NAME} in the platform MBean server, where jconsole,
 * VisualVM and JMX clients find it. It is registered there only: no connector is started, so the JVM's
 * own JMX settings (local attach, or {@code com.sun.management.jmxremote.*} with its authentication)
 * decide who can reach it.
 *
 * <p>Operations flip keys by name exactly as {@code StaticKey.enable()} etc. do: under the JVM-wide flip
 * lock, with the same refusals (as {@link IllegalStateException}s) and the same patching; an unknown or
 * invalid name is an {@link IllegalArgumentException} naming it. A key can be flipped once its class has
 * loaded (defined, or known from a loaded site).
 */
public interface StaticKeysMXBean {
    /** The MXBean's object name. */
    String OBJECT_NAME = "dev.statickeys:type=StaticKeys";

    /** The form sites take when their class loads: {@code holder} or {@code inline}. */
    String getBackend();

    /** Every key the agent knows, sorted by name. */
    List<KeyStatus> getKeys();

    /** The agent's counters since start (patch operations, classes retransformed, classes scanned, ...). */
    Map<String, Long> getStatistics();

    /** {@code StaticKey.enable()}: count 0 to 1; no change when already enabled. */
    void enable(String key);

    /** {@code StaticKey.disable()}: count 1 to 0; refused when the count is 2 or more. */
    void disable(String key);

    /** {@code StaticKey.increment()}. */
    void increment(String key);

    /** {@code StaticKey.decrement()}; refused at count 0. */
    void decrement(String key);
}
