package dev.statickeys.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the site-cost benchmarks ({@code SmallMethodBenchmark}, {@code HotLoopBenchmark},
 * {@code LargeBlockBenchmark}, {@code FlippingBenchmark}): one method per flag kind and state, each the
 * same code around a different condition, so that the only difference between two methods is the check.
 * The sources are committed; {@code SiteBenchmarkSourcesTest} fails when they differ from what this
 * writes. After changing it, from {@code /work/main}:
 * <pre>
 * java benchmarks/src/test/java/dev/statickeys/benchmarks/SiteBenchmarkSources.java benchmarks/src/main/java
 * </pre>
 */
public final class SiteBenchmarkSources {
    private SiteBenchmarkSources() {}

    /** A way to hold a flag: its name in method names and the condition per state ({@code flip} null: cannot change). */
    record Kind(String name, String off, String on, String flip) {}

    static final List<Kind> KINDS = List.of(
            new Kind("statickeys", "Flags.KEY_OFF.isEnabled()", "Flags.KEY_ON.isEnabled()", "Flags.KEY_FLIP.isEnabled()"),
            new Kind("staticFinal", "Flags.FINAL_OFF", "Flags.FINAL_ON", null),
            new Kind("plainStatic", "Flags.plainOff", "Flags.plainOn", "Flags.plainFlip"),
            new Kind("volatileField", "Flags.volatileOff", "Flags.volatileOn", "Flags.volatileFlip"),
            new Kind("atomicBoolean", "Flags.ATOMIC_OFF.get()", "Flags.ATOMIC_ON.get()", "Flags.ATOMIC_FLIP.get()"),
            new Kind("mutableCallSite", "(boolean) Flags.CALL_SITE_OFF.invokeExact()",
                    "(boolean) Flags.CALL_SITE_ON.invokeExact()", "(boolean) Flags.CALL_SITE_FLIP.invokeExact()"),
            new Kind("switchPoint", "(boolean) Flags.SWITCH_POINT_OFF.invokeExact()",
                    "(boolean) Flags.SWITCH_POINT_ON.invokeExact()", "(boolean) Flags.SWITCH_POINT_FLIP.invokeExact()"),
            new Kind("togglz", "Flags.TOGGLZ.isActive(Flags.Toggle.OFF)", "Flags.TOGGLZ.isActive(Flags.Toggle.ON)",
                    "Flags.TOGGLZ.isActive(Flags.Toggle.FLIP)"));

    /** Statements of the large block: about 500 bytes of bytecode, past C2's FreqInlineSize (325). */
    static final int LARGE_BLOCK_STATEMENTS = 44;

    /** File name (relative to the source root) to content. */
    public static Map<String, String> generate() {
        Map<String, String> files = new LinkedHashMap<>();
        files.put(path("SmallMethodBenchmark"), smallMethod());
        files.put(path("HotLoopBenchmark"), hotLoop());
        files.put(path("LargeBlockBenchmark"), largeBlock());
        files.put(path("FlippingBenchmark"), flipping());
        return files;
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: SiteBenchmarkSources <source root, e.g. benchmarks/src/main/java>");
            System.exit(2);
        }
        for (Map.Entry<String, String> file : generate().entrySet()) {
            Path target = Path.of(args[0]).resolve(file.getKey());
            Files.createDirectories(target.getParent());
            Files.writeString(target, file.getValue(), StandardCharsets.UTF_8);
            System.out.println("wrote " + target);
        }
    }

    private static String path(String className) {
        return "dev/statickeys/benchmarks/" + className + ".java";
    }

    private static String smallMethod() {
        StringBuilder out = header("SmallMethodBenchmark", """
                A single check in a small method. Disabled: the check guards an expensive call, compared with
                {@link #baseline()}, the method without the check. Enabled: it guards a cheap step, compared with
                {@link #baseline_enabledWork()}, the method doing that step unconditionally.""", "Thread");
        out.append("""
                    public int input = 42;
                    public int mix = 0x5bd1e995;

                    @Benchmark
                    public int baseline() {
                        return input * 31;
                    }

                    @Benchmark
                    public int baseline_enabledWork() {
                        int result = input * 31;
                        result += cheap(result);
                        return result;
                    }
                """);
        for (Kind kind : KINDS) {
            out.append(method(kind.name() + "_disabled", """
                    int result = input * 31;
                    if (%s) {
                        result += expensive();
                    }
                    return result;""".formatted(kind.off())));
            out.append(method(kind.name() + "_enabled", """
                    int result = input * 31;
                    if (%s) {
                        result += cheap(result);
                    }
                    return result;""".formatted(kind.on())));
        }
        out.append("""

                    private int cheap(int value) {
                        return (value ^ mix) >>> 3;
                    }

                    private int expensive() {
                        return Integer.toString(input).hashCode();
                    }
                }
                """);
        return out.toString();
    }

    private static String hotLoop() {
        StringBuilder out = header("HotLoopBenchmark", """
                A check inside a loop over 1,024 ints. Disabled: it guards an expensive call per element, compared
                with {@link #baseline()}, the loop without the check (which C2 vectorizes). Enabled: it guards a
                cheap step per element, compared with {@link #baseline_enabledWork()}, the loop doing that step
                unconditionally.""", "Thread");
        out.append("""
                    public int[] data;

                    @Setup
                    public void fill() {
                        data = new int[1024];
                        for (int i = 0; i < data.length; i++) {
                            data[i] = i * 0x9E3779B1;
                        }
                    }

                    @Benchmark
                    public int baseline() {
                        int sum = 0;
                        for (int value : data) {
                            sum += value;
                        }
                        return sum;
                    }

                    @Benchmark
                    public int baseline_enabledWork() {
                        int sum = 0;
                        for (int value : data) {
                            sum += value ^ (value >>> 3);
                        }
                        return sum;
                    }
                """);
        for (Kind kind : KINDS) {
            out.append(method(kind.name() + "_disabled", """
                    int sum = 0;
                    for (int value : data) {
                        if (%s) {
                            value = Integer.toString(value).hashCode();
                        }
                        sum += value;
                    }
                    return sum;""".formatted(kind.off())));
            out.append(method(kind.name() + "_enabled", """
                    int sum = 0;
                    for (int value : data) {
                        if (%s) {
                            value ^= value >>> 3;
                        }
                        sum += value;
                    }
                    return sum;""".formatted(kind.on())));
        }
        out.append("}\n");
        return out.toString();
    }

    private static String largeBlock() {
        StringBuilder out = header("LargeBlockBenchmark", """
                A check guarding a large block (about 500 bytes of bytecode) in a method that is small enough for
                C2 to inline without it. Each benchmark calls such a method; {@link #baseline()} calls the same
                method without the block, {@link #baseline_enabledWork()} one running the block unconditionally.
                Does the block in the bytecode, never executed, stop the caller from inlining the method? (A
                patched site jumps over the block but would leave it in the bytecode: the agent moves it into a
                method of its own at load time, docs/internals/outlining.md. Other flag kinds keep it.)""", "Thread");
        out.append("""
                    public int input = 42;

                    @Benchmark
                    public int baseline() {
                        return withoutBlock(input);
                    }

                    @Benchmark
                    public int baseline_enabledWork() {
                        return blockAlways(input);
                    }

                    private static int withoutBlock(int x) {
                        int r = x * 31;
                        return r;
                    }

                    private static int blockAlways(int x) {
                        int r = x * 31;
                """);
        out.append(largeBlockStatements("        "));
        out.append("""
                        return r;
                    }
                """);
        for (Kind kind : KINDS) {
            for (String state : List.of("disabled", "enabled")) {
                String callee = state + Character.toUpperCase(kind.name().charAt(0)) + kind.name().substring(1);
                out.append(method(kind.name() + "_" + state, "return " + callee + "(input);"));
                out.append("\n    private static int ").append(callee).append("(int x) throws Throwable {\n")
                        .append("        int r = x * 31;\n")
                        .append("        if (").append(state.equals("disabled") ? kind.off() : kind.on()).append(") {\n")
                        .append(largeBlockStatements("            "))
                        .append("        }\n")
                        .append("        return r;\n")
                        .append("    }\n");
            }
        }
        out.append("}\n");
        return out.toString();
    }

    private static String largeBlockStatements(String indent) {
        StringBuilder block = new StringBuilder();
        int constant = 0x01000193;
        for (int i = 0; i < LARGE_BLOCK_STATEMENTS; i++) {
            constant = constant * 0x5bd1e995 + 0x6b43a9b5;
            block.append(indent).append(String.format("r = (r ^ (x + 0x%08x)) * 0x%08x;%n", i * 0x9E37, constant | 1));
        }
        return block.toString();
    }

    private static String flipping() {
        StringBuilder out = header("FlippingBenchmark", """
                A check that flips while it is measured. In each group one thread runs the check (a small method
                guarding a cheap step) while a second thread flips the flag, then sleeps {@value #FLIP_INTERVAL_MS}
                ms: about 100 flips per second. Read each group's first method (the check) as a ratio to
                {@link #baseline()}, run next to a thread that only sleeps. {@code static final} cannot flip and
                has no group. With the agent's default flip budget (50), a statickeys key reads its call site after
                half a second of flipping.""", "Group");
        out.append("""
                    static final long FLIP_INTERVAL_MS = 10;

                    public int input = 42;
                    public int mix = 0x5bd1e995;

                    @Benchmark
                    @Group("baseline")
                    public int baseline() {
                        int result = input * 31;
                        result += cheap(result);
                        return result;
                    }

                    @Benchmark
                    @Group("baseline")
                    public void baseline_flipper() throws InterruptedException {
                        Thread.sleep(FLIP_INTERVAL_MS);
                    }
                """);
        for (Kind kind : KINDS) {
            if (kind.flip() == null) {
                continue;
            }
            out.append("""

                        @Benchmark
                        @Group("%1$s")
                        public int %1$s() throws Throwable {
                            int result = input * 31;
                            if (%2$s) {
                                result += cheap(result);
                            }
                            return result;
                        }

                        @Benchmark
                        @Group("%1$s")
                        public void %1$s_flipper() throws InterruptedException {
                            Flags.flip("%1$s");
                            Thread.sleep(FLIP_INTERVAL_MS);
                        }
                    """.formatted(kind.name(), kind.flip()));
        }
        out.append("""

                    private int cheap(int value) {
                        return (value ^ mix) >>> 3;
                    }
                }
                """);
        return out.toString();
    }

    private static StringBuilder header(String className, String javadoc, String scope) {
        StringBuilder out = new StringBuilder();
        out.append("// Generated by benchmarks/src/test/java/dev/statickeys/benchmarks/SiteBenchmarkSources.java: do not edit.\n");
        out.append("package dev.statickeys.benchmarks;\n\n");
        out.append("import java.util.concurrent.TimeUnit;\n");
        out.append("import org.openjdk.jmh.annotations.*;\n\n");
        out.append("/**\n");
        for (String line : javadoc.strip().split("\n")) {
            out.append(" * ").append(line).append('\n');
        }
        out.append(" *\n * <p>Methods are named {@code <kind>_<state>}; {@code statickeys} measures whatever the JVM was\n")
                .append(" * started with (no agent, {@code backend=holder} or {@code backend=inline}). Run through {@link Suite}.\n");
        out.append(" */\n");
        out.append("@State(Scope.").append(scope).append(")\n");
        out.append("@BenchmarkMode(Mode.AverageTime)\n");
        out.append("@OutputTimeUnit(TimeUnit.NANOSECONDS)\n");
        out.append("public class ").append(className).append(" {\n");
        return out;
    }

    private static String method(String name, String body) {
        StringBuilder out = new StringBuilder();
        out.append("\n    @Benchmark\n    public int ").append(name).append("() throws Throwable {\n");
        for (String line : body.split("\n")) {
            out.append("        ").append(line).append('\n');
        }
        out.append("    }\n");
        return out.toString();
    }
}
