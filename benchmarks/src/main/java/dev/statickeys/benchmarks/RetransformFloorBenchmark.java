package dev.statickeys.benchmarks;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The JVM's floor under an inline flip: one {@code retransformClasses} call over the same {@code classes}
 * copies of {@link FlipCostBenchmark.Site} that an inline flip retransforms, with one transformer that
 * changes nothing. Run without the statickeys agent and with {@link FloorAgent}
 * ({@code -javaagent:benchmarks.jar}), so that no other transformer runs.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class RetransformFloorBenchmark {
    @Param({"1", "10", "100", "1000", "10000"})
    public int classes;

    private Instrumentation instrumentation;
    private Class<?>[] copies;
    private final ClassFileTransformer unchanged = new ClassFileTransformer() {
        @Override
        public byte[] transform(ClassLoader loader, String className, Class<?> redefined,
                ProtectionDomain domain, byte[] bytes) {
            return null;
        }
    };

    @Setup
    public void load() throws Exception {
        instrumentation = FloorAgent.instrumentation();
        List<Class<?>> loaded = SiteCopies.load(classes);
        copies = loaded.toArray(new Class<?>[0]);
        instrumentation.addTransformer(unchanged, true);
    }

    @TearDown
    public void unload() {
        instrumentation.removeTransformer(unchanged);
        copies = null;
    }

    @Benchmark
    public void retransformUnchanged() throws Exception {
        instrumentation.retransformClasses(copies);
    }
}
