package dev.statickeys.benchmarks;

import dev.statickeys.StaticKey;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MutableCallSite;
import java.lang.invoke.SwitchPoint;
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
 * What does one guarded check cost, per execution tier and backend, next to the JVM's own ways of
 * holding a flag that rarely changes? Every {@code check_*} method computes {@link #baseline()}'s value
 * and guards an expensive block behind a flag that is off ({@code check_enabledKey} guards a cheap block
 * behind a flag that is on, to be compared with {@link #baseline_enabledWork()}). Nothing flips during a
 * run; {@link FlipCostBenchmark} measures flips. Read the results as ratios to {@code baseline} (or
 * {@code baseline_enabledWork}) from the same run.
 *
 * <p>Run from {@code /work/main} after {@code mvn -o -q -B install -DskipTests}; {@code A} is the agent jar:
 * <pre>
 * A=agent/target/statickeys-agent-0.1.0-SNAPSHOT.jar
 * # no agent (sites read the key: a volatile read), then each backend
 * java -jar benchmarks/target/benchmarks.jar GuardCost -wi 3 -i 5 -w 1 -r 1 -f 1
 * java -jar benchmarks/target/benchmarks.jar GuardCost -wi 3 -i 5 -w 1 -r 1 -f 1 -jvmArgsAppend "-javaagent:$A=backend=holder"
 * java -jar benchmarks/target/benchmarks.jar GuardCost -wi 3 -i 5 -w 1 -r 1 -f 1 -jvmArgsAppend "-javaagent:$A=backend=inline"
 * # C1 only, and the interpreter (shorter): add the tier flag to -jvmArgsAppend, e.g.
 * java -jar benchmarks/target/benchmarks.jar GuardCost -wi 3 -i 5 -w 1 -r 1 -f 1 -jvmArgsAppend "-javaagent:$A=backend=inline -XX:TieredStopAtLevel=1"
 * java -jar benchmarks/target/benchmarks.jar GuardCost -wi 1 -i 3 -w 1 -r 1 -f 1 -jvmArgsAppend "-javaagent:$A=backend=inline -Xint"
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class GuardCostBenchmark {
    static final StaticKey DISABLED = StaticKey.defineFalse("bench.guard.disabled");
    static final StaticKey ENABLED = StaticKey.defineTrue("bench.guard.enabled");

    static volatile boolean volatileFlag;
    /** Read at class initialization, not a compile-time constant: javac keeps the check, the JIT folds it. */
    static final boolean STATIC_FINAL_FLAG = Boolean.getBoolean("statickeys.bench.flag");

    static final MutableCallSite CALL_SITE = new MutableCallSite(MethodHandles.constant(boolean.class, false));
    static final MethodHandle CALL_SITE_FLAG = CALL_SITE.dynamicInvoker();

    /** While the switch point is valid the flag reads false; invalidating it would turn it on. */
    static final SwitchPoint SWITCH_POINT = new SwitchPoint();
    static final MethodHandle SWITCH_POINT_FLAG = SWITCH_POINT.guardWithTest(
            MethodHandles.constant(boolean.class, false), MethodHandles.constant(boolean.class, true));

    /** Non-final inputs, so nothing folds by accident. */
    public int input = 42;
    public int mix = 0x5bd1e995;

    @Benchmark
    public int baseline() {
        return input * 31;
    }

    @Benchmark
    public int check_disabledKey() {
        int result = input * 31;
        if (DISABLED.isEnabled()) {
            result += expensive();
        }
        return result;
    }

    @Benchmark
    public int baseline_enabledWork() {
        int result = input * 31;
        result += cheap(result);
        return result;
    }

    @Benchmark
    public int check_enabledKey() {
        int result = input * 31;
        if (ENABLED.isEnabled()) {
            result += cheap(result);
        }
        return result;
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
    public int check_staticFinal() {
        int result = input * 31;
        if (STATIC_FINAL_FLAG) {
            result += expensive();
        }
        return result;
    }

    @Benchmark
    public int check_mutableCallSite() throws Throwable {
        int result = input * 31;
        if ((boolean) CALL_SITE_FLAG.invokeExact()) {
            result += expensive();
        }
        return result;
    }

    @Benchmark
    public int check_switchPoint() throws Throwable {
        int result = input * 31;
        if ((boolean) SWITCH_POINT_FLAG.invokeExact()) {
            result += expensive();
        }
        return result;
    }

    private int cheap(int value) {
        return (value ^ mix) >>> 3;
    }

    private int expensive() {
        return Integer.toString(input).hashCode();
    }
}
