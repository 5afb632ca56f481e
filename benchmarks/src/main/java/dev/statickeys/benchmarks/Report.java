package dev.statickeys.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.openjdk.jmh.util.ListStatistics;

/**
 * Turns a suite's raw results ({@code <dir>/raw/*.json}: JMH's JSON per run, the running-loop results and
 * the environment) into {@code <dir>/results.md}, with every alternative as a ratio to the baseline of the
 * same run, and two charts, {@code <dir>/site-cost.svg} and {@code <dir>/flip-cost.svg}. Runs that are
 * missing leave their cells empty ({@code –}).
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.statickeys.benchmarks.Report docs/benchmarks/full
 * </pre>
 */
public final class Report {
    /** One score and its error (JMH's 99.9% confidence half-width; NaN when unknown). */
    record Score(double value, double error) {
        Score ratioTo(Score base) {
            double ratio = value / base.value;
            double relative = Math.sqrt(square(error / value) + square(base.error / base.value));
            return new Score(ratio, ratio * relative);
        }

        private static double square(double x) {
            return x * x;
        }
    }

    /** A row of a site-cost table: its label and where its numbers come from. */
    record Row(String label, String runSuffix, String method) {}

    static final List<Row> SITE_ROWS = List.of(
            new Row("statickeys, `backend=holder`", "holder", "statickeys"),
            new Row("statickeys, `backend=inline`", "inline", "statickeys"),
            new Row("statickeys without the agent", "none", "statickeys"),
            new Row("`static final boolean` (cannot flip)", "none", "staticFinal"),
            new Row("plain `static boolean`", "none", "plainStatic"),
            new Row("`volatile boolean`", "none", "volatileField"),
            new Row("`AtomicBoolean`", "none", "atomicBoolean"),
            new Row("`MutableCallSite`", "none", "mutableCallSite"),
            new Row("`SwitchPoint`", "none", "switchPoint"),
            new Row("Togglz (in-memory)", "none", "togglz"));

    static final List<String> SHAPES = List.of("SmallMethodBenchmark", "HotLoopBenchmark", "LargeBlockBenchmark");
    static final List<String> SHAPE_TITLES = List.of("a check in a small method", "a check in a hot loop",
            "a check guarding a large block in an inlinable method");
    static final List<Integer> CLASS_COUNTS = List.of(1, 10, 100, 1000, 10000);

    private static final String LOAD = "ClassLoadBenchmark.loadCorpus";
    private static final String LOAD_OWN = "ClassLoadBenchmark.agentMillis";
    private static final String LOAD_TABLES = "ClassLoadBenchmark.agentTableMillis";
    private static final String LOAD_SHARE = "ClassLoadBenchmark.agentPercent";
    /** Appended to a primary metric's key: its score taken over the means of its forks ({@link #forkMeans}). */
    static final String FORKS = "#forks";

    private final Map<String, Map<String, Score>> runs;
    private final List<Map<String, Object>> runningLoop;
    private final Map<String, Object> environment;

    Report(Map<String, Map<String, Score>> runs, List<Map<String, Object>> runningLoop, Map<String, Object> environment) {
        this.runs = runs;
        this.runningLoop = runningLoop;
        this.environment = environment;
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: Report <suite output directory, holding raw/>");
            System.exit(2);
        }
        write(Path.of(args[0]));
    }

    /** Reads {@code dir/raw} and writes the report files into {@code dir}. */
    static void write(Path dir) throws IOException {
        Report report = read(dir.resolve("raw"));
        Files.writeString(dir.resolve("results.md"), report.markdown(), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("site-cost.svg"), report.siteChart(), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("flip-cost.svg"), report.flipChart(), StandardCharsets.UTF_8);
        System.out.println("statickeys benchmarks: wrote " + dir.resolve("results.md") + ", site-cost.svg, flip-cost.svg");
    }

    @SuppressWarnings("unchecked")
    static Report read(Path raw) throws IOException {
        if (!Files.isDirectory(raw)) {
            throw new IOException("no raw results at " + raw + "; run the suite first");
        }
        Map<String, Map<String, Score>> runs = new TreeMap<>();
        List<Map<String, Object>> loop = List.of();
        Map<String, Object> environment = Map.of();
        try (Stream<Path> files = Files.list(raw)) {
            for (Path file : files.sorted().toList()) {
                String name = file.getFileName().toString();
                if (!name.endsWith(".json")) {
                    continue;
                }
                if (Files.readString(file, StandardCharsets.UTF_8).isBlank()) {
                    // JMH creates its result file when a run starts and fills it when the run ends
                    System.out.println("statickeys benchmarks: " + file + " is empty (its run did not finish); left out");
                    continue;
                }
                Object json = parse(file);
                String id = name.substring(0, name.length() - ".json".length());
                if (id.equals("running-loop")) {
                    loop = (List<Map<String, Object>>) json;
                } else if (id.equals("environment")) {
                    environment = (Map<String, Object>) json;
                } else {
                    runs.put(id, scores((List<Object>) json, file));
                }
            }
        }
        return new Report(runs, loop, environment);
    }

    private static Object parse(Path file) throws IOException {
        try {
            return Json.parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    /**
     * JMH results by {@code Class.method} plus {@code :name=value,...} when parameterized; for a group
     * benchmark each of its methods is its own entry ({@code Class.method}), from the secondary results.
     */
    @SuppressWarnings("unchecked")
    static Map<String, Score> scores(List<Object> results, Path file) {
        Map<String, Score> scores = new LinkedHashMap<>();
        for (Object entry : results) {
            Map<String, Object> result = (Map<String, Object>) entry;
            String benchmark = (String) result.get("benchmark");
            if (benchmark == null || !(result.get("primaryMetric") instanceof Map)) {
                throw new IllegalArgumentException(file + ": an entry without benchmark or primaryMetric: not JMH's JSON");
            }
            String[] parts = benchmark.split("\\.");
            String className = parts[parts.length - 2];
            String params = "";
            if (result.get("params") instanceof Map<?, ?> map) {
                params = ":" + String.join(",", new TreeMap<>((Map<String, Object>) map).entrySet().stream()
                        .map(param -> param.getKey() + "=" + param.getValue()).toList());
            }
            scores.put(className + "." + parts[parts.length - 1] + params, score(result.get("primaryMetric")));
            scores.put(className + "." + parts[parts.length - 1] + params + FORKS, forkMeans(result.get("primaryMetric")));
            if (result.get("secondaryMetrics") instanceof Map<?, ?> secondary) {
                for (Map.Entry<?, ?> metric : secondary.entrySet()) {
                    scores.put(className + "." + metric.getKey() + params, score(metric.getValue()));
                }
            }
        }
        return scores;
    }

    /**
     * A metric's score and error. An auxiliary event counter (unit {@code #}, such as
     * {@link ClassLoadBenchmark.AgentTime}) is summed over the iterations by JMH, without an error; it is
     * read here as the mean per iteration, with the same 99.9% half-width JMH gives a primary score.
     */
    @SuppressWarnings("unchecked")
    private static Score score(Object metric) {
        Map<String, Object> map = (Map<String, Object>) metric;
        if ("#".equals(map.get("scoreUnit")) && map.get("rawData") instanceof List<?> forks) {
            ListStatistics statistics = new ListStatistics();
            for (Object fork : forks) {
                for (Object value : (List<Object>) fork) {
                    statistics.addValue(number(value));
                }
            }
            if (statistics.getN() > 0) {
                return new Score(statistics.getMean(), statistics.getN() > 1 ? statistics.getMeanErrorAt(0.999) : Double.NaN);
            }
        }
        return new Score(number(map.get("score")), number(map.get("scoreError")));
    }

    /**
     * A primary metric taken over its forks' means, with their 99.9% half-width (NaN below two forks). JMH's own
     * half-width takes every iteration as independent; where each fork is a new JVM on a shared machine, forks
     * differ by more than iterations do, and only this interval shows it.
     */
    @SuppressWarnings("unchecked")
    private static Score forkMeans(Object metric) {
        ListStatistics means = new ListStatistics();
        if (((Map<String, Object>) metric).get("rawData") instanceof List<?> forks) {
            for (Object fork : forks) {
                ListStatistics values = new ListStatistics();
                for (Object value : (List<Object>) fork) {
                    values.addValue(number(value));
                }
                if (values.getN() > 0) {
                    means.addValue(values.getMean());
                }
            }
        }
        if (means.getN() == 0) {
            return new Score(Double.NaN, Double.NaN);
        }
        return new Score(means.getMean(), means.getN() > 1 ? means.getMeanErrorAt(0.999) : Double.NaN);
    }

    private static double number(Object value) {
        return value instanceof Double number ? number : Double.NaN;
    }

    Score get(String run, String key) {
        Map<String, Score> scores = runs.get(run);
        return scores == null ? null : scores.get(key);
    }

    /** {@code key}'s score in {@code run} over {@code baseKey}'s in the same run, or null. */
    Score ratio(String run, String key, String baseKey) {
        Score score = get(run, key);
        Score base = get(run, baseKey);
        return score == null || base == null ? null : score.ratioTo(base);
    }

    Score siteRatio(String shape, Suite.Tier tier, Row row, String state) {
        String base = state.equals("disabled") ? "baseline" : "baseline_enabledWork";
        return ratio("site-" + tier.id() + "-" + row.runSuffix(), shape + "." + row.method() + "_" + state, shape + "." + base);
    }

    Score flippingRatio(Suite.Tier tier, Row row) {
        return ratio("site-" + tier.id() + "-" + row.runSuffix(), "FlippingBenchmark." + row.method(), "FlippingBenchmark.baseline");
    }

    Score flip(String run, String benchmark, int classes) {
        return get(run, benchmark + ":classes=" + classes);
    }

    String markdown() {
        StringBuilder out = new StringBuilder();
        out.append("# statickeys benchmarks\n\n");
        out.append("Generated by `Report` from the JSON in `raw/` (JMH 1.37). Ratios are to the baseline measured in the\n")
                .append("same run (the same JVM flags, the same JMH invocation); ± is the 99.9% confidence half-width JMH\n")
                .append("reports, combined for the ratio (`NaN` where a run had too few iterations to tell).\n\n");
        environmentSection(out);
        targets(out);
        for (int i = 0; i < SHAPES.size(); i++) {
            siteTable(out, SHAPES.get(i), SHAPE_TITLES.get(i));
        }
        flippingTable(out);
        flipTable(out);
        loopTable(out);
        loadTable(out);
        startupTable(out);
        return out.toString();
    }

    @SuppressWarnings("unchecked")
    private void environmentSection(StringBuilder out) {
        out.append("## Machine, JVM, command\n\n");
        if (environment.isEmpty()) {
            out.append("(no `raw/environment.json`)\n\n");
            return;
        }
        out.append("| part | mode | machine | JVM | command | finished |\n|---|---|---|---|---|---|\n");
        for (Map.Entry<String, Object> part : environment.entrySet()) {
            Map<String, Object> env = (Map<String, Object>) part.getValue();
            out.append("| ").append(part.getKey()).append(" | ").append(env.get("mode")).append(" | ")
                    .append(env.get("cpu")).append(", ").append(format0(number(env.get("cores")))).append(" cores, ")
                    .append(env.get("os")).append(" | ").append(env.get("java")).append(" | `").append(env.get("command"))
                    .append("` | ").append(env.get("finished")).append(" |\n");
        }
        out.append('\n');
    }

    private void siteTable(StringBuilder out, String shape, String title) {
        out.append("## Site cost: ").append(title).append(" (`").append(shape).append("`)\n\n");
        out.append("Time per call over the same run's baseline (disabled: `baseline()`, the method without the check;\n")
                .append("enabled: `baseline_enabledWork()`, the guarded step done unconditionally). 1.00 is free.\n\n");
        out.append("| |");
        for (Suite.Tier tier : Suite.TIERS) {
            out.append(' ').append(tier.label()).append(" disabled | ").append(tier.label()).append(" enabled |");
        }
        out.append("\n|---|").append("---|".repeat(2 * Suite.TIERS.size())).append('\n');
        out.append("| baseline, ns (no agent) |");
        for (Suite.Tier tier : Suite.TIERS) {
            for (String base : List.of("baseline", "baseline_enabledWork")) {
                Score score = get("site-" + tier.id() + "-none", shape + "." + base);
                out.append(' ').append(score == null ? "–" : format(score.value())).append(" |");
            }
        }
        out.append('\n');
        for (Row row : SITE_ROWS) {
            out.append("| ").append(row.label()).append(" |");
            for (Suite.Tier tier : Suite.TIERS) {
                for (String state : List.of("disabled", "enabled")) {
                    out.append(' ').append(ratioCell(siteRatio(shape, tier, row, state))).append(" |");
                }
            }
            out.append('\n');
        }
        out.append('\n');
    }

    private void flippingTable(StringBuilder out) {
        out.append("## Site cost while the flag flips (`FlippingBenchmark`)\n\n");
        out.append("The check of a small method (guarding a cheap step) measured while a second thread flips the flag\n")
                .append("every 10 ms, over the same run's `baseline()` next to a thread that only sleeps. With the agent's\n")
                .append("default flip budget (50) a statickeys key reads its call site after half a second of this. With\n")
                .append("`backend=inline` the first flip finds the flipper thread inside `FlippingBenchmark` and moves the\n")
                .append("class to holders, as the agent does with any class running during a flip.\n\n");
        out.append("| |");
        Suite.TIERS.forEach(tier -> out.append(' ').append(tier.label()).append(" |"));
        out.append("\n|---|").append("---|".repeat(Suite.TIERS.size())).append('\n');
        for (Row row : SITE_ROWS) {
            if (row.method().equals("staticFinal")) {
                continue;
            }
            out.append("| ").append(row.label()).append(" |");
            for (Suite.Tier tier : Suite.TIERS) {
                out.append(' ').append(ratioCell(flippingRatio(tier, row))).append(" |");
            }
            out.append('\n');
        }
        out.append('\n');
    }

    static final String HOLDER_FLIP = "FlipCostBenchmark.flip";
    static final String HOLDER_FLOOR = "HolderFloorBenchmark.retransformInlined";
    /** The N the holder flip is judged at against its floor. */
    static final List<Integer> HOLDER_TARGET_COUNTS = List.of(1, 1000, 10000);

    /** The flip-cost series: label, run and benchmark ({@code null} run: one value for every N). */
    private static final List<String[]> FLIP_SERIES = List.of(
            new String[] {"`backend=holder`, re-patching the holder (`flipBudget` lifted)", "flip-holder", "FlipCostBenchmark.flip"},
            new String[] {"`backend=holder` past its flip budget (the default after 50 flips)", "flip-holder-budget", "FlipCostBenchmark.flip"},
            new String[] {"`backend=inline`", "flip-inline", "FlipCostBenchmark.flip"},
            new String[] {"no agent (a volatile write under the lock)", "flip-none", "FlipCostBenchmark.flip"},
            new String[] {"floor: `retransformClasses` of the N classes, no-op transformer", "flip-none", "RetransformFloorBenchmark.retransformUnchanged"},
            new String[] {"floor: `retransformClasses` of one tiny class a hot compiled caller inlines, N classes loaded", "flip-none",
                    HOLDER_FLOOR},
            new String[] {"floor: `MutableCallSite.setTarget` + `syncAll`", "flip-none", "CallSiteFloorBenchmark.setTargetAndSyncAll"});

    private Score flipSeries(String[] series, int classes) {
        return series[2].startsWith("CallSite") ? get(series[1], series[2]) : flip(series[1], series[2], classes);
    }

    private void flipTable(StringBuilder out) {
        out.append("## Flip cost (`FlipCostBenchmark`)\n\n");
        out.append("Time from the flip call to its return, per flip, with N loaded classes holding sites of the key.\n")
                .append("The floors are measured in the same suite run, in a JVM without the statickeys agent.\n\n");
        out.append("| N classes |");
        CLASS_COUNTS.forEach(n -> out.append(' ').append(String.format(Locale.ROOT, "%,d", n)).append(" |"));
        out.append("\n|---|").append("---|".repeat(CLASS_COUNTS.size())).append('\n');
        for (String[] series : FLIP_SERIES) {
            out.append("| ").append(series[0]).append(" |");
            for (int n : CLASS_COUNTS) {
                Score score = flipSeries(series, n);
                out.append(' ').append(score == null ? "–" : micros(score.value())).append(" |");
            }
            out.append('\n');
        }
        out.append("| holder: N classes over 1 class |");
        for (int n : CLASS_COUNTS) {
            out.append(' ').append(ratioCell(flipRatio("flip-holder", n, "flip-holder", 1, "FlipCostBenchmark.flip"))).append(" |");
        }
        out.append("\n| holder over its floor (one tiny class a hot caller inlines) |");
        for (int n : CLASS_COUNTS) {
            out.append(' ').append(ratioCell(holderOverFloor(n))).append(" |");
        }
        out.append("\n| inline over the `retransformClasses` floor |");
        for (int n : CLASS_COUNTS) {
            out.append(' ').append(ratioCell(inlineOverFloor(n))).append(" |");
        }
        out.append("\n\n");
        mxbeanTable(out);
    }

    /** The holder flip at one class in a JVM whose platform MBean server exists, with and without the MXBean. */
    private void mxbeanTable(StringBuilder out) {
        out.append("The holder flip (`flipBudget` lifted, 1 class) in a JVM whose platform MBean server the benchmark\n")
                .append("created, as an application using JMX does: with the agent's MXBean registered in it (`jmx=true`) and\n")
                .append("without (`jmx=false`).\n\n");
        Score with = mxbeanFlip(true);
        Score without = mxbeanFlip(false);
        out.append("| `jmx=true` | `jmx=false` | true over false |\n|---|---|---|\n| ")
                .append(with == null ? "–" : micros(with.value())).append(" | ")
                .append(without == null ? "–" : micros(without.value())).append(" | ")
                .append(ratioCell(with == null || without == null ? null : with.ratioTo(without))).append(" |\n\n");
    }

    private Score mxbeanFlip(boolean jmx) {
        return flip("flip-holder-jmx-" + jmx, HOLDER_FLIP, 1);
    }

    private Score holderOverFloor(int classes) {
        Score holder = flip("flip-holder", HOLDER_FLIP, classes);
        Score floor = flip("flip-none", HOLDER_FLOOR, classes);
        return holder == null || floor == null ? null : holder.ratioTo(floor);
    }

    private Score flipRatio(String run, int classes, String baseRun, int baseClasses, String benchmark) {
        Score score = flip(run, benchmark, classes);
        Score base = flip(baseRun, benchmark, baseClasses);
        return score == null || base == null ? null : score.ratioTo(base);
    }

    private Score inlineOverFloor(int classes) {
        Score inline = flip("flip-inline", "FlipCostBenchmark.flip", classes);
        Score floor = flip("flip-none", "RetransformFloorBenchmark.retransformUnchanged", classes);
        return inline == null || floor == null ? null : inline.ratioTo(floor);
    }

    private void loopTable(StringBuilder out) {
        out.append("## A running loop across a flip (`RunningLoopFlip`)\n\n");
        out.append("One thread spins in a method with a site while main enables, then disables the key: iterations/s\n")
                .append("after each flip over before (one child JVM per backend).\n\n");
        if (runningLoop.isEmpty()) {
            out.append("(not run)\n\n");
            return;
        }
        out.append("| backend | before, iterations/s | after enable / before | after disable / before | the running frame saw the flip | enable took |\n")
                .append("|---|---|---|---|---|---|\n");
        for (Map<String, Object> result : runningLoop) {
            out.append("| `").append(result.get("backend")).append("` | ").append(result.get("before")).append(" | ")
                    .append(result.get("afterEnable")).append(" | ").append(result.get("afterDisable")).append(" | ")
                    .append(result.get("sawEnabled")).append(" | ").append(result.get("enableMs")).append(" ms |\n");
        }
        out.append('\n');
    }

    private void loadTable(StringBuilder out) {
        out.append("## Class-load cost (`ClassLoadBenchmark`)\n\n");
        Object classes = environment.get("load") instanceof Map<?, ?> env ? env.get("loadCorpusClasses") : null;
        out.append("Loading (defining, not initializing) ")
                .append(classes == null ? "the corpus" : format0(number(classes)) + " classes")
                .append(" through a fresh class loader: the third-party jars of `benchmarks/target/load-corpus` and ")
                .append(1 + ClassLoadBenchmark.SITE_CLASSES + ClassLoadBenchmark.USER_CLASSES)
                .append("\nkey-using classes compiled with the processor (").append(ClassLoadBenchmark.SITE_CLASSES)
                .append(" with sites, ").append(ClassLoadBenchmark.USER_CLASSES)
                .append(" mentioning `StaticKey` without one, one declaring the keys).\n\n");
        out.append("| configuration | ms per load | over no agent | the agent's own time per load | of it, reading site tables |")
                .append(" own time within each load |\n|---|---|---|---|---|---|\n");
        Score none = get("load-none", LOAD);
        for (String[] config : List.of(new String[] {"no agent", "load-none"},
                new String[] {"floor: an agent whose transformer changes nothing (`FloorAgent`)", "load-floor"},
                new String[] {"statickeys agent, site tables used (default)", "load-agent"},
                new String[] {"statickeys agent, `siteTables=false`", "load-agent-notables"})) {
            Score score = get(config[1], LOAD);
            out.append("| ").append(config[0]).append(" | ").append(score == null ? "–" : format(score.value()) + " ±" + format(score.error()))
                    .append(" | ").append(ratioCell(score == null || none == null ? null : score.ratioTo(none)))
                    .append(" | ").append(ownTimeCell(config[1], none)).append(" | ").append(millisCell(get(config[1], LOAD_TABLES)))
                    .append(" | ").append(withinLoadCell(get(config[1], LOAD_SHARE))).append(" |\n");
        }
        out.append("\nThe agent's own time is what it counts inside its transformer during one load (`transformNanos`), with\n")
                .append("its share of the load without an agent (another run). \"Within each load\" is the same time over the same\n")
                .append("load's time less it, averaged over the loads: a share no drift of the machine's load between runs can\n")
                .append("move (its denominator keeps the JVM's own cost of calling a transformer, the floor's row). Reading site\n")
                .append("tables includes the loader's listing of its resources, which opens every jar on its path: work the\n")
                .append("loader does anyway as it loads their classes.\n\n");
    }

    /** The agent's own time per load in {@code run}, in ms and as a share of the load without an agent. */
    private String ownTimeCell(String run, Score none) {
        Score own = get(run, LOAD_OWN);
        if (own == null || own.value() == 0) {
            return "–";
        }
        return millisCell(own) + (none == null ? "" : " (" + percentCell(own.ratioTo(none)) + ")");
    }

    private static String withinLoadCell(Score percent) {
        if (percent == null || percent.value() == 0) {
            return "–";
        }
        return String.format(Locale.ROOT, Double.isNaN(percent.error()) ? "%.1f%%" : "%.1f%% ±%.1f", percent.value(),
                percent.error());
    }

    private static String millisCell(Score score) {
        if (score == null || score.value() == 0) {
            return "–";
        }
        return format(score.value()) + (Double.isNaN(score.error()) ? "" : " ±" + format(score.error())) + " ms";
    }

    private static String percentCell(Score share) {
        return String.format(Locale.ROOT, Double.isNaN(share.error()) ? "%.1f%%" : "%.1f%% ±%.1f", 100 * share.value(),
                100 * share.error());
    }

    private void startupTable(StringBuilder out) {
        out.append("## Agent start-up (`StartupBenchmark`)\n\n");
        out.append("Wall time of a whole JVM running a trivial `main` (`Empty`: returns at once; `OneSite`: one key,\n")
                .append("one site), this JVM's `java` with default flags. The floor is a do-nothing agent (a transformer that\n")
                .append("returns null): what any `-javaagent` costs; \"over floor\" is what statickeys adds beyond it. With\n")
                .append("default settings (no options) the agent waits for the first class naming the API; an option\n")
                .append("(`backend=inline` here) starts it in premain.\n\n");
        out.append("| program | no agent | do-nothing agent | default settings | over floor | `backend=inline` | over floor |\n")
                .append("|---|---|---|---|---|---|---|\n");
        for (String program : List.of("Empty", "OneSite")) {
            Score none = startup("none", program);
            Score floor = startup("floor", program);
            out.append("| `").append(program).append("` | ").append(millis(none)).append(" | ").append(millis(floor));
            for (String backend : List.of("holder", "inline")) {
                Score score = startup(backend, program);
                out.append(" | ").append(millis(score)).append(" | ").append(overFloor(score, floor));
            }
            out.append(" |\n");
        }
        out.append('\n');
    }

    private static String millis(Score score) {
        return score == null ? "–" : format(score.value()) + " ms";
    }

    /** The difference, with the two intervals combined (as {@link Score#ratioTo} does) when both are known. */
    private static String overFloor(Score score, Score floor) {
        if (score == null || floor == null) {
            return "–";
        }
        double error = Math.sqrt(score.error() * score.error() + floor.error() * floor.error());
        return String.format(Locale.ROOT, Double.isNaN(error) ? "%+.0f ms" : "%+.0f ms ±%.0f",
                score.value() - floor.value(), error);
    }

    private Score startup(String agent, String program) {
        return get("startup", "StartupBenchmark.start:agent=" + agent + ",program=" + program);
    }

    /** The issue's targets, each with met / not met and the numbers it was decided on. */
    private void targets(StringBuilder out) {
        out.append("## Targets\n\n");
        out.append("Judged on the point estimates; each ratio shows its 99.9% interval.\n\n");
        out.append("| target | result |\n|---|---|\n");
        out.append("| statickeys inline within 5% of `baseline()` in every tier, both states | ")
                .append(siteTarget(SITE_ROWS.get(1), Suite.TIERS)).append(" |\n");
        out.append("| statickeys holder within 5% of `baseline()` under C1 and C2 | ")
                .append(siteTarget(SITE_ROWS.get(0), Suite.TIERS.subList(0, 2))).append(" |\n");
        out.append("| holder flip within 1.3x of its floor (`retransformClasses` of one tiny class a hot compiled caller inlines,")
                .append(" the same classes loaded) at N = 1, 1,000 and 10,000 | ").append(holderTarget()).append(" |\n");
        Score with = mxbeanFlip(true);
        Score without = mxbeanFlip(false);
        Score mxbean = with == null || without == null ? null : with.ratioTo(without);
        out.append("| the MXBean registered or not makes no difference to a holder flip (`jmx=true` within 10% of `jmx=false`) | ")
                .append(mxbean == null ? "not measured" : verdict(mxbean.value() <= 1.10) + ": " + ratioCell(mxbean)).append(" |\n");
        StringBuilder inline = new StringBuilder();
        boolean inlineMet = true;
        boolean any = false;
        for (int n : CLASS_COUNTS) {
            Score ratio = inlineOverFloor(n);
            if (ratio != null) {
                any = true;
                inlineMet &= ratio.value() <= 1.2;
                inline.append(inline.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "N=%,d: %.2f", n, ratio.value()));
            }
        }
        out.append("| inline flip within 1.2x of the bare `retransformClasses` floor at every N | ")
                .append(any ? verdict(inlineMet) + ": " + inline : "not measured").append(" |\n");
        Score none = get("load-none", LOAD);
        Score own = get("load-agent", LOAD_OWN);
        Score share = none == null || own == null ? null : own.ratioTo(none);
        Score within = get("load-agent", LOAD_SHARE);
        out.append("| class loading: the agent's own time (inside its transformer) at most 2% of the corpus' load without an agent, site tables used | ")
                .append(share == null && within == null ? "not measured" : ownTimeTarget(share, within, own, none)).append(" |\n");
        Score agent = get("load-agent", LOAD);
        Score load = none == null || agent == null ? null : agent.ratioTo(none);
        out.append("| `ClassLoadBenchmark` ratio, site tables used, reported within ±0.03 | ")
                .append(load == null ? "not measured" : loadRatioTarget(load)).append(" |\n");
        out.append("| start-up, default settings: `Empty` within +10 ms and `OneSite` within +20 ms of a do-nothing agent | ")
                .append(startupTarget()).append(" |\n\n");
    }

    /** Met when the holder flip is at most 1.3x its floor at every N of {@link #HOLDER_TARGET_COUNTS}. */
    private String holderTarget() {
        StringBuilder cells = new StringBuilder();
        boolean met = true;
        for (int n : HOLDER_TARGET_COUNTS) {
            Score ratio = holderOverFloor(n);
            if (ratio == null) {
                return "not measured";
            }
            met &= ratio.value() <= 1.3;
            cells.append(cells.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "N=%,d: %s", n, ratioCell(ratio)));
        }
        return verdict(met) + ": " + cells;
    }

    /**
     * Met when the share is at most 2% both against the no-agent run and within each load; the second is
     * the one a drifting machine cannot move, the first the issue's literal wording.
     */
    private static String ownTimeTarget(Score share, Score within, Score own, Score none) {
        boolean met = (share == null || share.value() <= 0.02) && (within == null || within.value() <= 2);
        List<String> cells = new ArrayList<>();
        if (share != null) {
            cells.add(percentCell(share) + " of the load without an agent (" + millisCell(own) + " of "
                    + format(none.value()) + " ms)");
        }
        if (within != null) {
            cells.add(withinLoadCell(within) + " within each load");
        }
        return verdict(met) + ": " + String.join("; ", cells);
    }

    /**
     * Both programs against the floor of the same run. Judged on the default settings (the {@code holder}
     * row: no options, so the agent waits for the API); the {@code inline} row, whose option starts the
     * agent in premain, is shown beside it.
     */
    private String startupTarget() {
        List<String> judged = new ArrayList<>();
        List<String> withOptions = new ArrayList<>();
        boolean met = true;
        for (String program : List.of("Empty", "OneSite")) {
            Score floor = startup("floor", program);
            Score standard = startup("holder", program);
            if (floor == null || standard == null) {
                return "not measured";
            }
            met &= standard.value() - floor.value() <= (program.equals("Empty") ? 10 : 20);
            judged.add(program + " " + overFloor(standard, floor));
            Score inline = startup("inline", program);
            if (inline != null) {
                withOptions.add(program + " " + overFloor(inline, floor));
            }
        }
        return verdict(met) + ": " + String.join(", ", judged) + (withOptions.isEmpty() ? ""
                : "; with `backend=inline`, which starts the agent in premain: " + String.join(", ", withOptions));
    }

    /** Met when every cell of {@code row} in {@code tiers}, every shape and state, is at most 1.05. */
    private String siteTarget(Row row, List<Suite.Tier> tiers) {
        List<String> misses = new ArrayList<>();
        double worst = 0;
        int cells = 0;
        for (String shape : SHAPES) {
            for (Suite.Tier tier : tiers) {
                for (String state : List.of("disabled", "enabled")) {
                    Score ratio = siteRatio(shape, tier, row, state);
                    if (ratio == null) {
                        continue;
                    }
                    cells++;
                    worst = Math.max(worst, ratio.value());
                    if (ratio.value() > 1.05) {
                        misses.add(shape.replace("Benchmark", "") + " " + tier.label() + " " + state + " " + ratioCell(ratio));
                    }
                }
            }
        }
        if (cells == 0) {
            return "not measured";
        }
        return misses.isEmpty() ? String.format(Locale.ROOT, "met: all %d cells at most %.2f", cells, worst)
                : "not met in " + misses.size() + " of " + cells + " cells: " + String.join("; ", misses);
    }

    private static String verdict(boolean met) {
        return met ? "met" : "not met";
    }

    static String ratioCell(Score ratio) {
        if (ratio == null) {
            return "–";
        }
        if (Double.isNaN(ratio.error())) {
            return String.format(Locale.ROOT, "%.2f", ratio.value());
        }
        return String.format(Locale.ROOT, "%.2f ±%.2f", ratio.value(), ratio.error());
    }

    /**
     * Met when the ratio's interval is within ±0.03 both as JMH gives it (over every load) and, where both runs
     * have forks to compare, over the forks' means.
     */
    private String loadRatioTarget(Score load) {
        Score agentForks = get("load-agent", LOAD + FORKS);
        Score noneForks = get("load-none", LOAD + FORKS);
        Score byForks = agentForks == null || noneForks == null ? null : agentForks.ratioTo(noneForks);
        boolean forksKnown = byForks != null && !Double.isNaN(byForks.error());
        boolean met = load.error() <= 0.03 && (!forksKnown || byForks.error() <= 0.03);
        return verdict(met) + ": " + fineRatioCell(load) + (forksKnown
                ? String.format(Locale.ROOT, "; over the forks' means ±%.2f", byForks.error()) : "");
    }

    /** A ratio judged against an interval of a few hundredths: its error with a digit more than the target's. */
    static String fineRatioCell(Score ratio) {
        return String.format(Locale.ROOT, "%.3f ±%.4f", ratio.value(), ratio.error());
    }

    static String format(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        return String.format(Locale.ROOT, value >= 100 ? "%,.0f" : value >= 10 ? "%.1f" : "%.2f", value);
    }

    private static String format0(double value) {
        return String.format(Locale.ROOT, "%,.0f", value);
    }

    /** A time given in microseconds, in the unit that reads best. */
    static String micros(double value) {
        if (value >= 1000) {
            return format(value / 1000) + " ms";
        }
        return format(value) + " µs";
    }

    // ---- charts ----

    String siteChart() {
        List<String> labels = new ArrayList<>();
        List<double[]> values = new ArrayList<>();
        for (Row row : SITE_ROWS) {
            labels.add(row.label().replace("`", ""));
            double[] perTier = new double[Suite.TIERS.size()];
            for (int t = 0; t < perTier.length; t++) {
                Score ratio = siteRatio(SHAPES.get(0), Suite.TIERS.get(t), row, "disabled");
                perTier[t] = ratio == null ? Double.NaN : ratio.value();
            }
            values.add(perTier);
        }
        return Svg.bars("A disabled check in a small method: time over baseline() (log scale; 1 = free)", labels,
                Suite.TIERS.stream().map(Suite.Tier::label).toList(), values);
    }

    String flipChart() {
        List<String> labels = new ArrayList<>();
        List<double[]> values = new ArrayList<>();
        for (String[] series : FLIP_SERIES) {
            labels.add(series[0].replace("`", ""));
            double[] perN = new double[CLASS_COUNTS.size()];
            for (int i = 0; i < perN.length; i++) {
                Score score = flipSeries(series, CLASS_COUNTS.get(i));
                perN[i] = score == null ? Double.NaN : score.value();
            }
            values.add(perN);
        }
        return Svg.lines("Flip cost (µs per flip) by number of classes holding sites (log-log)",
                CLASS_COUNTS.stream().mapToDouble(Integer::doubleValue).toArray(), labels, values);
    }
}
