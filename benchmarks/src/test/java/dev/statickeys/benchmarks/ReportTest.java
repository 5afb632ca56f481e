package dev.statickeys.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

class ReportTest {
    private static final String PACKAGE = "dev.statickeys.benchmarks.";

    @TempDir
    Path dir;

    @Test
    void ratiosAreTakenWithinEachRunAndTheTargetsAreJudgedOnThem() throws Exception {
        writeFixture();
        Report.write(dir);
        String md = Files.readString(dir.resolve("results.md"), StandardCharsets.UTF_8);

        // each statickeys row is divided by the baseline of its own run: inline 0.51 / 0.50, holder 1.10 / 1.00
        assertContains(md, "| statickeys, `backend=inline` | 1.02 | 1.00 | – | – | – | – |");
        assertContains(md, "| statickeys, `backend=holder` | 1.10 | – |");
        assertContains(md, "| `volatile boolean` | 1.20 ±0.03 | – |"); // 1.2 ±0.024 over 1.0 ±0.01
        assertContains(md, "| baseline, ns (no agent) | 1.00 | 2.00 | – | – | – | – |");
        // a group's reader over the baseline group's reader, from the secondary results
        assertContains(md, "| `volatile boolean` | 3.00 | – | – |");
        assertContains(md, "| `backend=holder`, re-patching the holder (`flipBudget` lifted) | 2.00 ms | – | – | 2.50 ms | 3.00 ms |");
        assertContains(md, "| floor: `retransformClasses` of one tiny class a hot compiled caller inlines, N classes loaded"
                + " | 1.60 ms | – | – | 2.00 ms | 2.00 ms |");
        // the holder flip over the floor of the same N, from another run: 2000 / 1600, 2500 / 2000, 3000 / 2000
        assertContains(md, "| holder over its floor (one tiny class a hot caller inlines) | 1.25 | – | – | 1.25 | 1.50 |");
        assertContains(md, "| `jmx=true` | `jmx=false` | true over false |\n|---|---|---|\n| 2.10 ms | 2.00 ms | 1.05 |");
        assertContains(md, "| floor: `MutableCallSite.setTarget` + `syncAll` | 0.55 µs | 0.55 µs |");
        assertContains(md, "| inline over the `retransformClasses` floor | 1.50 | – |");
        // the agent's own time: the mean of the aux counter's per-iteration values, over the load without an agent
        assertContains(md, "| statickeys agent, site tables used (default) | 1,010 ±20.0 | 1.01 ±0.02 | 16.0 ±0.00 ms (1.6% ±0.0)"
                + " | 5.00 ±0.00 ms | 1.9% ±0.0 |");
        assertContains(md, "| no agent | 1,000 ±10.0 | 1.00 ±0.01 | – | – | – |");
        assertContains(md, "| `Empty` | 300 ms | 350 ms | 400 ms | +50 ms | – | – |");
        assertContains(md, "| `holder` | 1.2e+09 | 0.94 | 0.95 | true | 2.1 ms |");
        assertContains(md, "| site | smoke | Test CPU, 2 cores, Linux | OpenJDK 17 | `java ... --mode smoke` | 2026-11-25T00:00:00Z |");

        assertContains(md, "| statickeys inline within 5% of `baseline()` in every tier, both states | met: all 2 cells at most 1.02 |");
        assertContains(md, "| statickeys holder within 5% of `baseline()` under C1 and C2 | not met in 1 of 1 cells: SmallMethod C2 disabled 1.10 |");
        assertContains(md, "| holder flip within 1.3x of its floor (`retransformClasses` of one tiny class a hot compiled caller"
                + " inlines, the same classes loaded) at N = 1, 1,000 and 10,000 | not met: N=1: 1.25, N=1,000: 1.25, N=10,000: 1.50 |");
        assertContains(md, "| the MXBean registered or not makes no difference to a holder flip (`jmx=true` within 10% of"
                + " `jmx=false`) | met: 1.05 |");
        assertContains(md, "| inline flip within 1.2x of the bare `retransformClasses` floor at every N | not met: N=1: 1.50 |");
        assertContains(md, "| class loading: the agent's own time (inside its transformer) at most 2% of the corpus' load without"
                + " an agent, site tables used | met: 1.6% ±0.0 of the load without an agent (16.0 ±0.00 ms of 1,000 ms);"
                + " 1.9% ±0.0 within each load |");
        assertContains(md, "| `ClassLoadBenchmark` ratio, site tables used, reported within ±0.03 | met: 1.010 ±0.0224 |");

        for (String chart : List.of("site-cost.svg", "flip-cost.svg")) {
            Document svg = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(dir.resolve(chart).toFile());
            assertEquals("svg", svg.getDocumentElement().getTagName(), chart);
        }
        String bars = Files.readString(dir.resolve("site-cost.svg"));
        assertContains(bars, "<title>statickeys, backend=inline C2: 1.02</title>");
    }

    @Test
    void withoutRunsEveryCellIsEmptyAndEveryTargetUnmeasured() throws Exception {
        Files.createDirectories(dir.resolve("raw"));
        Report.write(dir);
        String md = Files.readString(dir.resolve("results.md"), StandardCharsets.UTF_8);
        assertContains(md, "| statickeys, `backend=inline` | – | – | – | – | – | – |");
        assertEquals(8, md.split("\\| not measured \\|", -1).length - 1, md);
    }

    @Test
    void theStartUpTargetIsJudgedAgainstTheDoNothingAgentOfTheSameRun() throws Exception {
        Path raw = Files.createDirectories(dir.resolve("raw"));
        run(raw, "startup",
                jmh("StartupBenchmark.start", Map.of("agent", "floor", "program", "Empty"), 170, Double.NaN, Map.of()),
                jmh("StartupBenchmark.start", Map.of("agent", "holder", "program", "Empty"), 179, Double.NaN, Map.of()),
                jmh("StartupBenchmark.start", Map.of("agent", "inline", "program", "Empty"), 180, Double.NaN, Map.of()),
                jmh("StartupBenchmark.start", Map.of("agent", "floor", "program", "OneSite"), 190, Double.NaN, Map.of()),
                jmh("StartupBenchmark.start", Map.of("agent", "holder", "program", "OneSite"), 209, Double.NaN, Map.of()),
                jmh("StartupBenchmark.start", Map.of("agent", "inline", "program", "OneSite"), 211, Double.NaN, Map.of()));
        Report.write(dir);
        String md = Files.readString(dir.resolve("results.md"), StandardCharsets.UTF_8);
        assertContains(md, "| `OneSite` | – | 190 ms | 209 ms | +19 ms | 211 ms | +21 ms |");
        assertContains(md, "| start-up, default settings: `Empty` within +10 ms and `OneSite` within +20 ms of a do-nothing"
                + " agent | met: Empty +9 ms, OneSite +19 ms; with `backend=inline`, which starts the agent in premain:"
                + " Empty +10 ms, OneSite +21 ms |");
    }

    @Test
    void aStartUpDifferenceToTheFloorCarriesBothIntervals() throws Exception {
        Path raw = Files.createDirectories(dir.resolve("raw"));
        run(raw, "startup",
                jmh("StartupBenchmark.start", Map.of("agent", "floor", "program", "OneSite"), 190, 6, Map.of()),
                jmh("StartupBenchmark.start", Map.of("agent", "holder", "program", "OneSite"), 300, 8, Map.of()));
        Report.write(dir);
        String md = Files.readString(dir.resolve("results.md"), StandardCharsets.UTF_8);
        assertContains(md, "| `OneSite` | – | 190 ms | 300 ms | +110 ms ±10 | – | – |");
    }

    @Test
    void theStartUpTargetIsMissedWhenTheDefaultSettingsMissIt() throws Exception {
        Path raw = Files.createDirectories(dir.resolve("raw"));
        run(raw, "startup",
                jmh("StartupBenchmark.start", Map.of("agent", "floor", "program", "Empty"), 170, Double.NaN, Map.of()),
                jmh("StartupBenchmark.start", Map.of("agent", "holder", "program", "Empty"), 175, Double.NaN, Map.of()),
                jmh("StartupBenchmark.start", Map.of("agent", "floor", "program", "OneSite"), 190, Double.NaN, Map.of()),
                jmh("StartupBenchmark.start", Map.of("agent", "holder", "program", "OneSite"), 215, Double.NaN, Map.of()));
        Report.write(dir);
        String md = Files.readString(dir.resolve("results.md"), StandardCharsets.UTF_8);
        assertContains(md, "| start-up, default settings: `Empty` within +10 ms and `OneSite` within +20 ms of a do-nothing"
                + " agent | not met: Empty +5 ms, OneSite +25 ms |");
    }

    @Test
    void theClassLoadRatioIsJudgedOnItsUnroundedIntervalAndShownWithADigitMore() throws Exception {
        // 1.044 over 1.0, each ±2% or so: the ratio's interval is 0.0301, over ±0.03 though it rounds to it
        Path raw = Files.createDirectories(dir.resolve("raw"));
        run(raw, "load-none", jmh("ClassLoadBenchmark.loadCorpus", Map.of(), 1000, 20, Map.of()));
        run(raw, "load-agent", jmh("ClassLoadBenchmark.loadCorpus", Map.of(), 1044, 21.7, Map.of()));
        Report.write(dir);
        assertContains(Files.readString(dir.resolve("results.md")),
                "| `ClassLoadBenchmark` ratio, site tables used, reported within ±0.03 | not met: 1.044 ±0.0301 |");
    }

    @Test
    void theClassLoadRatioIsAlsoJudgedOverTheForksMeansWhichJmhsIntervalTakesAsOneSample() throws Exception {
        Path raw = Files.createDirectories(dir.resolve("raw"));
        run(raw, "load-none", loads(1000, 10, List.of(List.of(990.0, 1010.0), List.of(1000.0, 1000.0), List.of(1010.0, 990.0))));
        // the same loads within each fork, the forks' means equal: both intervals are narrow
        run(raw, "load-agent", loads(1010, 10, List.of(List.of(1000.0, 1020.0), List.of(1010.0, 1010.0), List.of(1020.0, 1000.0))));
        Report.write(dir);
        assertContains(Files.readString(dir.resolve("results.md")), "reported within ±0.03 | met: 1.010 ±0.0142;"
                + " over the forks' means ±0.00 |");
        // as narrow over the loads, but one fork at 900 ms and one at 1,120: the forks' means say ±2
        run(raw, "load-agent", loads(1010, 10, List.of(List.of(890.0, 910.0), List.of(1010.0, 1010.0), List.of(1110.0, 1130.0))));
        Report.write(dir);
        String md = Files.readString(dir.resolve("results.md"));
        assertContains(md, "reported within ±0.03 | not met: 1.010 ±0.0142; over the forks' means ±");
        assertTrue(!md.contains("over the forks' means ±0.0"), md);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> loads(double score, double error, List<List<Double>> forks) {
        Map<String, Object> entry = jmh("ClassLoadBenchmark.loadCorpus", Map.of(), score, error, Map.of());
        ((Map<String, Object>) entry.get("primaryMetric")).put("rawData", forks);
        return entry;
    }

    @SuppressWarnings("unchecked")
    @Test
    void theClassLoadTargetFailsWhenTheShareWithinEachLoadIsOverTwoPercent() throws Exception {
        // 1.5% of the other run's load, but 2.5% of its own loads: the machine was slower when the agent ran
        Path raw = Files.createDirectories(dir.resolve("raw"));
        run(raw, "load-none", jmh("ClassLoadBenchmark.loadCorpus", Map.of(), 1000, 10, Map.of()));
        Map<String, Object> load = jmh("ClassLoadBenchmark.loadCorpus", Map.of(), 620, 10, Map.of());
        ((Map<String, Object>) load.get("secondaryMetrics")).put("agentMillis", counter(List.of(List.of(15.0, 15.0))));
        ((Map<String, Object>) load.get("secondaryMetrics")).put("agentPercent", counter(List.of(List.of(2.5, 2.5))));
        run(raw, "load-agent", load);
        Report.write(dir);
        assertContains(Files.readString(dir.resolve("results.md")), "at most 2% of the corpus' load without an agent,"
                + " site tables used | not met: 1.5% of the load without an agent (15.0 ms of 1,000 ms);"
                + " 2.5% within each load |"); // two loads: JMH gives no interval below three
    }

    @Test
    void anEmptyFileIsARunThatDidNotFinishAndIsLeftOut() throws Exception {
        writeFixture();
        Files.writeString(dir.resolve("raw/site-c1-none.json"), "");
        Report.write(dir);
        assertContains(Files.readString(dir.resolve("results.md")), "| statickeys, `backend=inline` | 1.02 | 1.00 |");
    }

    @Test
    void aFileThatIsNotJmhJsonIsNamed() throws Exception {
        Path raw = Files.createDirectories(dir.resolve("raw"));
        Files.writeString(raw.resolve("site-c2-none.json"), "[{\"x\": 1}]");
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> Report.write(dir));
        assertEquals(raw.resolve("site-c2-none.json") + ": an entry without benchmark or primaryMetric: not JMH's JSON",
                error.getMessage());
        Files.writeString(raw.resolve("site-c2-none.json"), "[{");
        IOException broken = assertThrows(IOException.class, () -> Report.write(dir));
        assertEquals(raw.resolve("site-c2-none.json") + ": JSON at offset 2: expected a member name, found the end",
                broken.getMessage());
        assertThrows(IOException.class, () -> Report.write(dir.resolve("nowhere")));
    }

    @SuppressWarnings("unchecked")
    private void writeFixture() throws IOException {
        Path raw = Files.createDirectories(dir.resolve("raw"));
        run(raw, "site-c2-none",
                jmh("SmallMethodBenchmark.baseline", Map.of(), 1.0, 0.01, Map.of()),
                jmh("SmallMethodBenchmark.baseline_enabledWork", Map.of(), 2.0, Double.NaN, Map.of()),
                jmh("SmallMethodBenchmark.volatileField_disabled", Map.of(), 1.2, 0.024, Map.of()),
                jmh("FlippingBenchmark.baseline", Map.of(), 5e6, Double.NaN, Map.of("baseline", 1.0, "baseline_flipper", 1e7)),
                jmh("FlippingBenchmark.volatileField", Map.of(), 5e6, Double.NaN,
                        Map.of("volatileField", 3.0, "volatileField_flipper", 1e7)));
        run(raw, "site-c2-inline",
                jmh("SmallMethodBenchmark.baseline", Map.of(), 0.5, Double.NaN, Map.of()),
                jmh("SmallMethodBenchmark.baseline_enabledWork", Map.of(), 2.0, Double.NaN, Map.of()),
                jmh("SmallMethodBenchmark.statickeys_disabled", Map.of(), 0.51, Double.NaN, Map.of()),
                jmh("SmallMethodBenchmark.statickeys_enabled", Map.of(), 2.0, Double.NaN, Map.of()));
        run(raw, "site-c2-holder",
                jmh("SmallMethodBenchmark.baseline", Map.of(), 1.0, Double.NaN, Map.of()),
                jmh("SmallMethodBenchmark.statickeys_disabled", Map.of(), 1.10, Double.NaN, Map.of()));
        run(raw, "flip-holder",
                jmh("FlipCostBenchmark.flip", Map.of("classes", "1"), 2000, Double.NaN, Map.of()),
                jmh("FlipCostBenchmark.flip", Map.of("classes", "1000"), 2500, Double.NaN, Map.of()),
                jmh("FlipCostBenchmark.flip", Map.of("classes", "10000"), 3000, Double.NaN, Map.of()));
        run(raw, "flip-holder-jmx-true", jmh("FlipCostBenchmark.flip", Map.of("classes", "1"), 2100, Double.NaN, Map.of()));
        run(raw, "flip-holder-jmx-false", jmh("FlipCostBenchmark.flip", Map.of("classes", "1"), 2000, Double.NaN, Map.of()));
        run(raw, "flip-inline", jmh("FlipCostBenchmark.flip", Map.of("classes", "1"), 3000, Double.NaN, Map.of()));
        run(raw, "flip-none",
                jmh("RetransformFloorBenchmark.retransformUnchanged", Map.of("classes", "1"), 2000, Double.NaN, Map.of()),
                jmh("HolderFloorBenchmark.retransformInlined", Map.of("classes", "1"), 1600, Double.NaN, Map.of()),
                jmh("HolderFloorBenchmark.retransformInlined", Map.of("classes", "1000"), 2000, Double.NaN, Map.of()),
                jmh("HolderFloorBenchmark.retransformInlined", Map.of("classes", "10000"), 2000, Double.NaN, Map.of()),
                jmh("CallSiteFloorBenchmark.setTargetAndSyncAll", Map.of(), 0.55, Double.NaN, Map.of()));
        run(raw, "load-none", jmh("ClassLoadBenchmark.loadCorpus", Map.of(), 1000, 10, Map.of()));
        Map<String, Object> load = jmh("ClassLoadBenchmark.loadCorpus", Map.of(), 1010, 20, Map.of());
        // aux counters as JMH writes them: summed over the iterations (two forks here), no error, unit "#"
        ((Map<String, Object>) load.get("secondaryMetrics")).put("agentMillis", counter(List.of(List.of(16.0, 16.0), List.of(16.0))));
        ((Map<String, Object>) load.get("secondaryMetrics")).put("agentTableMillis", counter(List.of(List.of(5.0, 5.0), List.of(5.0))));
        ((Map<String, Object>) load.get("secondaryMetrics")).put("agentPercent", counter(List.of(List.of(1.9, 1.9), List.of(1.9))));
        run(raw, "load-agent", load);
        run(raw, "startup",
                jmh("StartupBenchmark.start", Map.of("agent", "none", "program", "Empty"), 300, Double.NaN, Map.of()),
                jmh("StartupBenchmark.start", Map.of("agent", "floor", "program", "Empty"), 350, Double.NaN, Map.of()),
                jmh("StartupBenchmark.start", Map.of("program", "Empty", "agent", "holder"), 400, Double.NaN, Map.of()));
        Map<String, Object> loop = new LinkedHashMap<>();
        loop.put("backend", "holder");
        loop.put("before", "1.2e+09");
        loop.put("afterEnable", "0.94");
        loop.put("afterDisable", "0.95");
        loop.put("sawEnabled", "true");
        loop.put("enableMs", "2.1");
        Files.writeString(raw.resolve("running-loop.json"), Json.write(List.of(loop)));
        Map<String, Object> environment = new LinkedHashMap<>();
        environment.put("mode", "smoke");
        environment.put("command", "java ... --mode smoke");
        environment.put("finished", "2026-11-25T00:00:00Z");
        environment.put("cpu", "Test CPU");
        environment.put("cores", 2.0);
        environment.put("os", "Linux");
        environment.put("java", "OpenJDK 17");
        Files.writeString(raw.resolve("environment.json"), Json.write(Map.of("site", environment)));
    }

    private static void run(Path raw, String id, Map<?, ?>... results) throws IOException {
        Files.writeString(raw.resolve(id + ".json"), Json.write(List.of(results)));
    }

    /** One entry as JMH's JSON has it; NaN errors are written as JMH writes them, the string "NaN". */
    private static Map<String, Object> jmh(String benchmark, Map<String, String> params, double score, double error,
            Map<String, Double> secondary) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("benchmark", PACKAGE + benchmark);
        if (!params.isEmpty()) {
            entry.put("params", new LinkedHashMap<>(params));
        }
        entry.put("primaryMetric", metric(score, error));
        Map<String, Object> secondaries = new LinkedHashMap<>();
        secondary.forEach((name, value) -> secondaries.put(name, metric(value, Double.NaN)));
        entry.put("secondaryMetrics", secondaries);
        return entry;
    }

    private static Map<String, Object> counter(List<List<Double>> perFork) {
        Map<String, Object> metric = new LinkedHashMap<>();
        metric.put("score", perFork.stream().flatMap(List::stream).mapToDouble(Double::doubleValue).sum());
        metric.put("scoreError", "NaN");
        metric.put("scoreUnit", "#");
        metric.put("rawData", new ArrayList<Object>(perFork));
        return metric;
    }

    private static Map<String, Object> metric(double score, double error) {
        Map<String, Object> metric = new LinkedHashMap<>();
        metric.put("score", score);
        metric.put("scoreError", Double.isNaN(error) ? "NaN" : (Object) error);
        metric.put("scoreUnit", "ns/op");
        metric.put("rawData", new ArrayList<>());
        return metric;
    }

    private static void assertContains(String text, String part) {
        assertTrue(text.contains(part), () -> "expected\n" + part + "\nin\n" + text);
    }
}
