package dev.statickeys.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.CompilerControl;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The JVM's floor under a holder flip: one {@code retransformClasses} call over one tiny class shaped like
 * a holder ({@link Tiny}), whose {@code isEnabled()} a hot compiled caller has inlined, while the same
 * {@code classes} copies of {@link FlipCostBenchmark.Site} as in {@link FlipCostBenchmark} are loaded
 * (the VM walks every loaded class and all compiled code on each redefinition, so its cost grows with
 * both). Each invocation retransforms {@link Tiny} to answer the other constant, as a holder flip does.
 * Before each invocation the caller is run until it is compiled again ({@code -Xbatch} makes that
 * synchronous), so every timed retransformation also deoptimizes it. The code it deoptimized stays in the
 * code cache, not entrant, until the sweeper (JDK 17) or a code cache collection (JDK 20 on) removes it,
 * and every later redefinition walks it again: left to the default threshold (0.5% of the code cache on
 * JDK 17, 15% on JDK 25) the floor grew from 1 ms to over 20 ms within a thousand invocations here.
 * {@code -XX:SweeperThreshold=0.01} keeps it to what one real flip leaves behind.
 *
 * <p>Run without the statickeys agent and with {@link FloorAgent} ({@code -javaagent:benchmarks.jar}),
 * so that no other transformer runs; {@link Suite} runs it in the same kind of JVM as
 * {@link RetransformFloorBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(jvmArgsAppend = {"-Xbatch", "-XX:SweeperThreshold=0.01"})
public class HolderFloorBenchmark {
    /** Calls of the caller before each invocation: past C2's invocation threshold (5,000 with tiered compilation). */
    static final int WARM_CALLS = 20_000;

    /** What is retransformed: a holder's shape, a static method answering a constant. */
    public static final class Tiny {
        private Tiny() {}

        public static boolean isEnabled() {
            return false;
        }
    }

    @Param({"1", "10", "100", "1000", "10000"})
    public int classes;

    private Instrumentation instrumentation;
    private List<Class<?>> copies = List.of();
    private ConstantFlip flip;
    private int sink;

    @Setup
    public void load() throws Exception {
        instrumentation = FloorAgent.instrumentation();
        copies = SiteCopies.load(classes);
        flip = new ConstantFlip(Tiny.class.getName().replace('.', '/'), tinyBytes());
        instrumentation.addTransformer(flip, true);
    }

    /**
     * Compiles the caller again (untimed): the retransformation before deoptimized it. Kept out of JMH's
     * measurement loop, like the caller: the loop's own compiled code must not inline {@link Tiny}, or each
     * retransformation would also deoptimize the frame that is timing it.
     */
    @Setup(Level.Invocation)
    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    public void compileCaller() {
        int calls = 0;
        for (int i = 0; i < WARM_CALLS; i++) {
            calls += caller();
        }
        sink += calls;
    }

    @TearDown
    public void unload() {
        instrumentation.removeTransformer(flip);
        copies = List.of();
        if (sink < 0) {
            System.out.println(sink); // keeps the caller's result alive
        }
    }

    @Benchmark
    public void retransformInlined() throws Exception {
        flip.state = !flip.state;
        instrumentation.retransformClasses(Tiny.class);
    }

    /** The hot caller: C1 and C2 inline {@link Tiny#isEnabled()} here. */
    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    static int caller() {
        return Tiny.isEnabled() ? 1 : 0;
    }

    static byte[] tinyBytes() throws IOException {
        try (InputStream in = HolderFloorBenchmark.class.getResourceAsStream("HolderFloorBenchmark$Tiny.class")) {
            if (in == null) {
                throw new IOException("no class file for " + Tiny.class.getName() + " next to " + HolderFloorBenchmark.class);
            }
            return in.readAllBytes();
        }
    }

    /**
     * Hands the JVM {@link Tiny}'s class file answering {@link #state}: its {@code isEnabled} body
     * ({@code iconst_0; ireturn}, behind {@code max_stack 1, max_locals 0, code_length 2}) with the
     * constant set, the rest of the bytes unchanged. Every other class is left alone.
     */
    static final class ConstantFlip implements ClassFileTransformer {
        private static final byte[] BODY = {0, 1, 0, 0, 0, 0, 0, 2, 0x03, (byte) 0xAC};
        private final String name;
        private final byte[] disabled;
        private final byte[] enabled;
        volatile boolean state;

        ConstantFlip(String name, byte[] original) {
            this.name = name;
            int at = indexOfOnly(original, BODY, name);
            this.disabled = original.clone();
            this.enabled = original.clone();
            enabled[at + BODY.length - 2] = 0x04; // iconst_1
        }

        @Override
        public byte[] transform(ClassLoader loader, String className, Class<?> redefined, ProtectionDomain domain,
                byte[] bytes) {
            return name.equals(className) ? (state ? enabled : disabled) : null;
        }

        private static int indexOfOnly(byte[] bytes, byte[] pattern, String name) {
            int found = -1;
            for (int i = 0; i + pattern.length <= bytes.length; i++) {
                int j = 0;
                while (j < pattern.length && bytes[i + j] == pattern[j]) {
                    j++;
                }
                if (j == pattern.length) {
                    if (found >= 0) {
                        throw new IllegalStateException(name + ": the body of isEnabled() appears twice in the class file");
                    }
                    found = i;
                }
            }
            if (found < 0) {
                throw new IllegalStateException(name + ": no isEnabled() body {iconst_0; ireturn} in the class file;"
                        + " expected the class as javac compiles it");
            }
            return found;
        }
    }
}
