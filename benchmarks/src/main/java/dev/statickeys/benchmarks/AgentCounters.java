package dev.statickeys.benchmarks;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Map;

/**
 * The statickeys agent's counters ({@code Bridge.statistics()}), read reflectively: this module does not
 * depend on the agent, and runs without it too. The handle is looked up once, so a read costs a map copy
 * (microseconds), not a reflective search, when it is taken around a measured operation.
 */
final class AgentCounters {
    private static final MethodHandle STATISTICS = find();

    private AgentCounters() {}

    /** The counters now, or an empty map when no statickeys agent is installed. */
    static Map<?, ?> read() {
        if (STATISTICS == null) {
            return Map.of();
        }
        try {
            return (Map<?, ?>) STATISTICS.invoke();
        } catch (Throwable e) {
            throw new IllegalStateException("reading the statickeys agent's statistics failed", e);
        }
    }

    /** The growth of nanosecond counter {@code name} from {@code before} to {@code after}, in milliseconds; 0 if absent. */
    static double millisBetween(Map<?, ?> before, Map<?, ?> after, String name) {
        Object from = before.get(name);
        Object to = after.get(name);
        if (!(from instanceof Long) || !(to instanceof Long)) {
            return 0;
        }
        return ((Long) to - (Long) from) / 1e6;
    }

    private static MethodHandle find() {
        try {
            Class<?> bridge = Class.forName("dev.statickeys.agent.boot.Bridge", true, ClassLoader.getSystemClassLoader());
            if (!(boolean) bridge.getMethod("installed").invoke(null)) {
                return null;
            }
            return MethodHandles.publicLookup().findStatic(bridge, "statistics", MethodType.methodType(Map.class));
        } catch (ClassNotFoundException e) {
            return null;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("the statickeys agent's Bridge has no statistics(): " + e, e);
        }
    }
}
