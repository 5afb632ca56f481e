package dev.statickeys.benchmarks;

import dev.statickeys.StaticKey;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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
 * copies of {@link Site}, each defined by its own class loader from this jar's bytes (everything else,
 * the API included, comes from the parent, so all copies share the one key) and initialized, because
 * the agent re-patches initialized classes only. {@link #baseline()} flips a key no class has a site of.
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

    @Param({"1", "10", "100", "1000"})
    public int classes;

    private final List<Class<?>> copies = new ArrayList<>();

    @Setup
    public void load() throws Exception {
        String name = FlipCostBenchmark.class.getName() + "$Site";
        byte[] bytes;
        try (InputStream in = FlipCostBenchmark.class.getResourceAsStream("FlipCostBenchmark$Site.class")) {
            if (in == null) {
                throw new IOException("no class file for " + name);
            }
            bytes = in.readAllBytes();
        }
        for (int i = 0; i < classes; i++) {
            Class<?> copy = new SiteLoader(FlipCostBenchmark.class.getClassLoader(), name, bytes).loadClass(name);
            Method site = copy.getMethod("site");
            if ((boolean) site.invoke(null)) { // initializes the copy: the agent registers its sites
                throw new IllegalStateException("key " + KEY_NAME + " is enabled at setup");
            }
            copies.add(copy);
        }
    }

    @TearDown
    public void report() {
        System.out.println();
        System.out.println("# agent statistics (classes=" + classes + "): " + agentStatistics());
        copies.clear();
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
            Class<?> bridge = Class.forName("dev.statickeys.agent.Bridge", true, ClassLoader.getSystemClassLoader());
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

    /** Defines its own copy of one class from the given bytes; delegates every other name to the parent. */
    static final class SiteLoader extends ClassLoader {
        private final String name;
        private final byte[] bytes;

        SiteLoader(ClassLoader parent, String name, byte[] bytes) {
            super("site-copy", parent);
            this.name = name;
            this.bytes = bytes;
        }

        @Override
        protected Class<?> loadClass(String className, boolean resolve) throws ClassNotFoundException {
            if (!className.equals(name)) {
                return super.loadClass(className, resolve);
            }
            synchronized (getClassLoadingLock(className)) {
                Class<?> loaded = findLoadedClass(className);
                if (loaded == null) {
                    loaded = defineClass(className, bytes, 0, bytes.length);
                }
                if (resolve) {
                    resolveClass(loaded);
                }
                return loaded;
            }
        }
    }
}
