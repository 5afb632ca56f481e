package dev.statickeys.benchmarks;

import dev.statickeys.StaticKey;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What does one flip cost when {@code classes} loaded classes hold sites of the key? Each invocation
 * enables and disables the key (two flips; the score is per flip). The classes are {@code classes}
 * copies of {@link Site} ({@link SiteCopies}). The JVM's floors, measured by the same {@link Suite} run:
 * {@link RetransformFloorBenchmark} and {@link CallSiteFloorBenchmark}. {@link #baseline()} flips a key no class has a site of.
 * Expected: with {@code backend=holder} a flip retransforms the key's holder only, flat in
 * {@code classes}; with {@code backend=inline} it retransforms every copy, growing with {@code classes}.
 * Without the agent a flip is a volatile write under a lock.
 *
 * <p>A run flips the key thousands of times, far past the agent's {@code flipBudget} (default 50), after
 * which a holder reads the key's state and a flip retransforms nothing. To measure re-patching holders,
 * lift the budget ({@code flipBudget=2147483647}); with the default the score after warm-up is the cost
 * of a flip once the budget is spent.
 *
 * <p>Run from {@code /work/main} after {@code mvn -o -q -B install -DskipTests}:
 * <pre>
 * A=agent/target/statickeys-agent-0.1.0-SNAPSHOT.jar
 * java -jar benchmarks/target/benchmarks.jar FlipCost -wi 2 -i 5 -w 1 -r 1 -f 1 -jvmArgsAppend "-javaagent:$A=backend=holder,flipBudget=2147483647"
 * java -jar benchmarks/target/benchmarks.jar FlipCost -wi 2 -i 5 -w 1 -r 1 -f 1 -jvmArgsAppend "-javaagent:$A=backend=inline"
 * java -jar benchmarks/target/benchmarks.jar FlipCost -wi 2 -i 5 -w 1 -r 1 -f 1 -jvmArgsAppend "-javaagent:$A=backend=holder"
 * </pre>
 * Each fork prints the agent's counters at the end of the trial ({@code # agent statistics ...}).
 *
 * <p>With {@code -Dbench.statickeys.platformMBeanServer=true} the benchmark creates the platform MBean
 * server before it loads the copies, as an application that uses JMX does, and waits up to
 * {@value #BEAN_WAIT_MILLIS} ms for the agent's MXBean to appear in it (it does unless the agent runs
 * with {@code jmx=false}); whether it did is printed with the statistics. {@link Suite} compares the two,
 * so that what the MXBean adds to a flip is told apart from what the platform server adds to every
 * class redefinition in the JVM.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class FlipCostBenchmark {
    static final String KEY_NAME = "bench.flipcost";
    static final StaticKey KEY = StaticKey.defineFalse(KEY_NAME);
    static final StaticKey UNUSED = StaticKey.defineFalse("bench.flipcost.nosites");
    static final String PLATFORM_SERVER = "bench.statickeys.platformMBeanServer";
    static final long BEAN_WAIT_MILLIS = 1_000;
    private static final String BEAN = "dev.statickeys:type=StaticKeys";

    /** Holds a site of {@link #KEY_NAME}; loaded once per class loader, never through the parent. */
    public static final class Site {
        @SuppressWarnings("statickeys") // the same key as the outer KEY, in a field of the copy's own class
        static final StaticKey KEY = StaticKey.defineFalse(KEY_NAME);

        private Site() {}

        public static boolean site() {
            if (KEY.isEnabled()) {
                return true;
            }
            return false;
        }
    }

    @Param({"1", "10", "100", "1000", "10000"})
    public int classes;

    private List<Class<?>> copies = List.of();
    private String mxbean = "no platform MBean server";

    @Setup
    public void load() throws Exception {
        if (Boolean.getBoolean(PLATFORM_SERVER)) {
            mxbean = "MXBean registered: " + platformServerWithBean();
        }
        copies = SiteCopies.load(classes);
    }

    /** Creates the platform MBean server; whether the agent's MXBean appeared in it within the wait. */
    private static boolean platformServerWithBean() throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName bean = new ObjectName(BEAN);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(BEAN_WAIT_MILLIS);
        while (!server.isRegistered(bean) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        return server.isRegistered(bean);
    }

    @TearDown
    public void report() {
        System.out.println();
        System.out.println("# agent statistics (classes=" + classes + ", " + mxbean + "): " + agentStatistics());
        copies = List.of();
    }

    @Benchmark
    @OperationsPerInvocation(2)
    public void baseline() {
        UNUSED.enable();
        UNUSED.disable();
    }

    @Benchmark
    @OperationsPerInvocation(2)
    public void flip() {
        KEY.enable();
        KEY.disable();
    }

    /** The agent's {@code Bridge.statistics()}, read reflectively (this module does not depend on the agent). */
    static Object agentStatistics() {
        try {
            Class<?> bridge = Class.forName("dev.statickeys.agent.boot.Bridge", true, ClassLoader.getSystemClassLoader());
            if (!(boolean) bridge.getMethod("installed").invoke(null)) {
                return "agent not installed";
            }
            return (Map<?, ?>) bridge.getMethod("statistics").invoke(null);
        } catch (ClassNotFoundException e) {
            return "no agent";
        } catch (ReflectiveOperationException e) {
            return "unavailable: " + e;
        }
    }
}
