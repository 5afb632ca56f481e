package dev.statickeys.benchmarks;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * The whole benchmark suite in one command: every JMH run, each with its JVM flags, then
 * {@link RunningLoopFlip}, then {@link Report}. Every JMH run writes its JSON to {@code <out>/raw/<run>.json};
 * the report is generated from whatever is there, so {@code --only} re-runs a part and keeps the rest.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.statickeys.benchmarks.Suite \
 *      --mode smoke|full --agent agent/target/statickeys-agent-0.1.0-SNAPSHOT.jar --out docs/benchmarks/full \
 *      [--only site,flip,load,startup,loop]
 * </pre>
 * ({@code benchmarks/run smoke|full} builds and runs this.) The parts:
 * <ul>
 * <li>{@code site}: {@link SmallMethodBenchmark}, {@link HotLoopBenchmark}, {@link LargeBlockBenchmark} and
 *     {@link FlippingBenchmark} per tier (C2: default flags; C1: {@code -XX:TieredStopAtLevel=1}; interpreter:
 *     {@code -Xint}), each without the agent (every kind) and with each backend (baselines and statickeys).
 * <li>{@code flip}: {@link FlipCostBenchmark} per backend, and the floors {@link RetransformFloorBenchmark},
 *     {@link HolderFloorBenchmark} and {@link CallSiteFloorBenchmark} without the statickeys agent; and the
 *     holder flip at one class in a JVM whose platform MBean server exists, with the MXBean registered
 *     ({@code jmx=true}) and without it ({@code jmx=false}).
 * <li>{@code load}: {@link ClassLoadBenchmark} without an agent, with {@link FloorAgent}'s transformer that
 *     changes nothing, with the statickeys agent, and with it and {@code siteTables=false}.
 * <li>{@code startup}: {@link StartupBenchmark}.
 * <li>{@code loop}: {@link RunningLoopFlip} per backend (not JMH: one child JVM each; {@code raw/running-loop.json}).
 * </ul>
 */
public final class Suite {
    static final List<String> PARTS = List.of("site", "flip", "load", "startup", "loop");

    /** The tiers of the site-cost runs: id, label and JVM flags. */
    record Tier(String id, String label, List<String> flags) {}

    static final List<Tier> TIERS = List.of(
            new Tier("c2", "C2", List.of()),
            new Tier("c1", "C1", List.of("-XX:TieredStopAtLevel=1")),
            new Tier("int", "interpreter", List.of("-Xint")));

    /** Forks and iterations per run kind for one mode. */
    record Timing(int forks, int warmups, TimeValue warmupTime, int iterations, TimeValue iterationTime) {
        /** One fork. */
        Timing(int warmups, TimeValue warmupTime, int iterations, TimeValue iterationTime) {
            this(1, warmups, warmupTime, iterations, iterationTime);
        }
    }

    enum Mode {
        SMOKE(new Timing(1, TimeValue.milliseconds(300), 2, TimeValue.milliseconds(300)),
                new Timing(1, TimeValue.milliseconds(500), 2, TimeValue.milliseconds(500)),
                new Timing(2, null, 3, null), new Timing(2, null, 3, null), new Timing(1, null, 3, null), 2),
        FULL(new Timing(2, TimeValue.seconds(1), 4, TimeValue.seconds(1)),
                new Timing(2, TimeValue.seconds(1), 5, TimeValue.seconds(1)),
                // load: three forks of 30 warm-up and 20 measured loads. The agent's own time per load still falls
                // over its first 25 to 30 loads (the transformer's code being compiled on two shared cores: about
                // 130 ms on the first load, 40 on the tenth, 15 from the thirtieth on), so fewer warm-ups measure
                // the JIT, not the agent
                new Timing(3, 30, null, 20, null),
                // load, the two runs whose ratio is a target (without an agent, with it): six forks of 30 warm-up
                // and 70 measured loads. A load spreads by 10 to 13% here, and JMH's 99.9% interval shrinks with
                // the square root of the loads: 60 per run gave ±0.08, 420 give about ±0.03. That interval takes
                // the loads as independent; fork means differ by up to 15%, so the ratio moves more than it
                // between runs (docs/benchmarks/README.md, class loading)
                new Timing(6, 30, null, 70, null),
                // startup: each iteration is a JVM's start; 60 of them per configuration, for a difference to the
                // floor within about ±15 ms at a spread of about 10% per start
                new Timing(3, 2, null, 20, null), 4);

        final Timing site;
        final Timing flip;
        final Timing load;
        final Timing loadRatio;
        final Timing startup;
        final int loopSeconds;

        Mode(Timing site, Timing flip, Timing load, Timing loadRatio, Timing startup, int loopSeconds) {
            this.site = site;
            this.flip = flip;
            this.load = load;
            this.loadRatio = loadRatio;
            this.startup = startup;
            this.loopSeconds = loopSeconds;
        }
    }

    /**
     * One JMH run: its id (the JSON's file name), the benchmarks it includes, the forks' JVM flags, and the
     * values of {@code @Param} fields it is limited to (none: every value).
     */
    record Run(String id, String part, String include, List<String> jvmArgs, Timing timing, Map<String, String> params) {
        Run(String id, String part, String include, List<String> jvmArgs, Timing timing) {
            this(id, part, include, jvmArgs, timing, Map.of());
        }
    }

    private static final String PACKAGE = "^dev\\.statickeys\\.benchmarks\\.";
    private static final String SITE_CLASSES = PACKAGE + "(SmallMethod|HotLoop|LargeBlock|Flipping)Benchmark\\.";

    private Suite() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> options;
        try {
            options = options(args);
        } catch (IllegalArgumentException e) {
            System.err.println("statickeys benchmarks: " + e.getMessage());
            System.err.println("usage: Suite --mode smoke|full --agent <statickeys-agent.jar> --out <dir> [--only "
                    + String.join(",", PARTS) + "]");
            System.exit(2);
            return;
        }
        Mode mode = Mode.valueOf(options.get("--mode").toUpperCase(Locale.ROOT));
        Path agent = Path.of(options.get("--agent")).toAbsolutePath();
        Path out = Path.of(options.get("--out"));
        Set<String> parts = new LinkedHashSet<>(List.of(options.getOrDefault("--only", String.join(",", PARTS)).split(",")));
        Path benchmarksJar = benchmarksJar();
        Path raw = Files.createDirectories(out.resolve("raw"));

        List<Run> runs = plan(mode, agent, benchmarksJar).stream().filter(run -> parts.contains(run.part())).toList();
        int index = 0;
        for (Run run : runs) {
            index++;
            System.out.printf("%n=== statickeys benchmarks [%d/%d] %s: %s %s%n", index, runs.size(), run.id(),
                    run.include(), String.join(" ", run.jvmArgs()));
            runJmh(run, raw.resolve(run.id() + ".json"));
        }
        if (parts.contains("loop")) {
            System.out.printf("%n=== statickeys benchmarks: running loop across a flip (%d s phases)%n", mode.loopSeconds);
            List<Map<String, String>> loop = RunningLoopFlip.measure(agent, List.of("holder", "inline"), mode.loopSeconds);
            Files.writeString(raw.resolve("running-loop.json"), Json.write(loop), StandardCharsets.UTF_8);
        }
        // environment.json: per part, the machine, JVM and command of the run that last measured it
        Path environmentFile = raw.resolve("environment.json");
        Map<String, Object> environments = new LinkedHashMap<>();
        if (Files.isRegularFile(environmentFile)) {
            Object previous = Json.parse(Files.readString(environmentFile, StandardCharsets.UTF_8));
            if (previous instanceof Map<?, ?> map) {
                for (Map.Entry<?, ?> part : map.entrySet()) {
                    environments.put(String.valueOf(part.getKey()), part.getValue());
                }
            }
        }
        Map<String, Object> environment = environment(mode, args, benchmarksJar);
        for (String part : PARTS) {
            if (parts.contains(part)) {
                environments.put(part, environment);
            }
        }
        Files.writeString(environmentFile, Json.write(environments), StandardCharsets.UTF_8);
        Report.write(out);
    }

    static Map<String, String> options(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (!List.of("--mode", "--agent", "--out", "--only").contains(name)) {
                throw new IllegalArgumentException("unknown argument \"" + name + "\"");
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(name + " needs a value");
            }
            if (options.put(name, args[++i]) != null) {
                throw new IllegalArgumentException(name + " given twice");
            }
        }
        for (String required : List.of("--mode", "--agent", "--out")) {
            if (!options.containsKey(required)) {
                throw new IllegalArgumentException("missing " + required);
            }
        }
        if (!List.of("smoke", "full").contains(options.get("--mode"))) {
            throw new IllegalArgumentException("--mode " + options.get("--mode") + ": expected smoke or full");
        }
        if (!Files.isRegularFile(Path.of(options.get("--agent")))) {
            throw new IllegalArgumentException("--agent " + options.get("--agent")
                    + ": no such file; expected the statickeys agent jar (mvn package builds agent/target/statickeys-agent-*.jar)");
        }
        if (options.containsKey("--only")) {
            for (String part : options.get("--only").split(",")) {
                if (!PARTS.contains(part)) {
                    throw new IllegalArgumentException("--only: unknown part \"" + part + "\"; expected some of " + PARTS);
                }
            }
        }
        return options;
    }

    /** Every JMH run of the suite, in order. */
    static List<Run> plan(Mode mode, Path agent, Path benchmarksJar) {
        List<Run> runs = new ArrayList<>();
        String statickeysOnly = SITE_CLASSES + "(baseline|statickeys)";
        for (Tier tier : TIERS) {
            runs.add(new Run("site-" + tier.id() + "-none", "site", SITE_CLASSES, tier.flags(), mode.site));
            for (String backend : List.of("holder", "inline")) {
                runs.add(new Run("site-" + tier.id() + "-" + backend, "site", statickeysOnly,
                        with(tier.flags(), "-javaagent:" + agent + "=backend=" + backend), mode.site));
            }
        }
        String flip = PACKAGE + "FlipCostBenchmark\\.flip$";
        runs.add(new Run("flip-holder", "flip", flip,
                List.of("-javaagent:" + agent + "=backend=holder,flipBudget=2147483647"), mode.flip));
        runs.add(new Run("flip-holder-budget", "flip", flip, List.of("-javaagent:" + agent + "=backend=holder"), mode.flip));
        runs.add(new Run("flip-inline", "flip", flip, List.of("-javaagent:" + agent + "=backend=inline"), mode.flip));
        runs.add(new Run("flip-none", "flip",
                PACKAGE + "(FlipCostBenchmark\\.flip|RetransformFloorBenchmark|HolderFloorBenchmark|CallSiteFloorBenchmark)",
                List.of("-javaagent:" + benchmarksJar), mode.flip));
        // What the MXBean adds to a flip, apart from what the platform server adds to every redefinition.
        String platformServer = "-D" + FlipCostBenchmark.PLATFORM_SERVER + "=true";
        for (String jmx : List.of("true", "false")) {
            runs.add(new Run("flip-holder-jmx-" + jmx, "flip", flip, List.of(platformServer,
                    "-javaagent:" + agent + "=backend=holder,flipBudget=2147483647,jmx=" + jmx), mode.flip,
                    Map.of("classes", "1")));
        }
        String corpus = "-Dbench.statickeys.corpus=" + benchmarksJar.resolveSibling("load-corpus");
        String load = PACKAGE + "ClassLoadBenchmark";
        runs.add(new Run("load-none", "load", load, List.of(corpus), mode.loadRatio));
        runs.add(new Run("load-floor", "load", load, List.of(corpus, "-javaagent:" + benchmarksJar + "=unchangedTransformer"),
                mode.load));
        runs.add(new Run("load-agent", "load", load, List.of(corpus, "-javaagent:" + agent), mode.loadRatio));
        runs.add(new Run("load-agent-notables", "load", load, List.of(corpus, "-javaagent:" + agent + "=siteTables=false"),
                mode.load));
        runs.add(new Run("startup", "startup", PACKAGE + "StartupBenchmark",
                List.of("-Dbench.statickeys.agent=" + agent), mode.startup));
        return runs;
    }

    private static List<String> with(List<String> flags, String more) {
        List<String> all = new ArrayList<>(flags);
        all.add(more);
        return all;
    }

    private static void runJmh(Run run, Path result) throws RunnerException {
        ChainedOptionsBuilder builder = new OptionsBuilder()
                .include(run.include())
                .jvmArgs(run.jvmArgs().toArray(new String[0]))
                .forks(run.timing().forks())
                .warmupIterations(run.timing().warmups())
                .measurementIterations(run.timing().iterations())
                .shouldFailOnError(true)
                .resultFormat(ResultFormatType.JSON)
                .result(result.toString());
        run.params().forEach(builder::param);
        if (run.timing().warmupTime() != null) {
            builder.warmupTime(run.timing().warmupTime()).measurementTime(run.timing().iterationTime());
        }
        if (new Runner(builder.build()).run().isEmpty()) {
            throw new IllegalStateException("JMH ran nothing for " + run.id() + " (include " + run.include() + ")");
        }
    }

    /** The jar this class was loaded from: the forks' class path and the floors' agent. */
    static Path benchmarksJar() throws URISyntaxException {
        Path location = Path.of(Suite.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        if (!Files.isRegularFile(location) || !location.toString().endsWith(".jar")) {
            throw new IllegalStateException("run the suite from the benchmarks jar (java -cp benchmarks/target/benchmarks.jar"
                    + " dev.statickeys.benchmarks.Suite ...), not from " + location);
        }
        return location;
    }

    private static Map<String, Object> environment(Mode mode, String[] args, Path benchmarksJar) throws IOException {
        Map<String, Object> environment = new LinkedHashMap<>();
        environment.put("mode", mode.name().toLowerCase(Locale.ROOT));
        environment.put("command", "java -cp benchmarks/target/benchmarks.jar " + Suite.class.getName() + " " + String.join(" ", args));
        environment.put("finished", Instant.now().toString());
        environment.put("cpu", cpuModel());
        environment.put("cores", (double) Runtime.getRuntime().availableProcessors());
        environment.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        environment.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
                + " (" + System.getProperty("java.vendor") + ")");
        int corpusClasses = 0;
        Path corpus = benchmarksJar.resolveSibling("load-corpus");
        List<String> jars = new ArrayList<>();
        if (Files.isDirectory(corpus)) {
            try (Stream<Path> files = Files.list(corpus)) {
                for (Path jar : files.filter(file -> file.toString().endsWith(".jar")).sorted().toList()) {
                    jars.add(jar.getFileName().toString());
                    corpusClasses += ClassLoadBenchmark.classNames(jar).size();
                }
            }
        }
        environment.put("loadCorpusJars", new ArrayList<Object>(jars));
        environment.put("loadCorpusClasses", (double) (corpusClasses + 1 + ClassLoadBenchmark.SITE_CLASSES
                + ClassLoadBenchmark.USER_CLASSES));
        return environment;
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: the OS line says what it is
        }
        return System.getProperty("os.arch");
    }
}
