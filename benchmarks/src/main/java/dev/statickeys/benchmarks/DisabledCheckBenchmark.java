package dev.statickeys.benchmarks;

import dev.statickeys.StaticKey;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What does one disabled check cost, next to no check at all? Run without the agent this measures
 * the plain (volatile-read) fallback; run the jar under {@code -jvmArgsAppend -javaagent:...} to measure
 * patched sites. The full comparison with every peer and tier is the benchmarks issue.
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar DisabledCheck</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class DisabledCheckBenchmark {
    static final StaticKey KEY = StaticKey.defineFalse("bench.disabled");
    static volatile boolean volatileFlag;

    /** Non-final input, so nothing folds by accident. */
    public int input = 42;

    @Benchmark
    public int baseline() {
        return input * 31;
    }

    @Benchmark
    public int check_volatile() {
        int result = input * 31;
        if (volatileFlag) {
            result += expensive();
        }
        return result;
    }

    @Benchmark
    public int check_staticKey() {
        int result = input * 31;
        if (KEY.isEnabled()) {
            result += expensive();
        }
        return result;
    }

    private int expensive() {
        return Integer.toString(input).hashCode();
    }
}
