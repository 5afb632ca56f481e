package dev.statickeys.benchmarks;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MutableCallSite;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * The JVM's floor under a flip that patches no class: {@code MutableCallSite.setTarget} to the other
 * constant, then {@code MutableCallSite.syncAll}, as a holder does once its flip budget is spent. Each
 * invocation flips twice; the score is per flip.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class CallSiteFloorBenchmark {
    private static final MethodHandle FALSE = MethodHandles.constant(boolean.class, false);
    private static final MethodHandle TRUE = MethodHandles.constant(boolean.class, true);

    private final MutableCallSite site = new MutableCallSite(FALSE);
    private final MutableCallSite[] sites = {site};

    @Benchmark
    @OperationsPerInvocation(2)
    public void setTargetAndSyncAll() {
        site.setTarget(TRUE);
        MutableCallSite.syncAll(sites);
        site.setTarget(FALSE);
        MutableCallSite.syncAll(sites);
    }
}
