package dev.statickeys.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SuiteTest {
    @TempDir
    Path dir;

    @Test
    void badArgumentsAreNamedWithWhatWasExpected() throws IOException {
        Path agent = Files.createFile(dir.resolve("agent.jar"));
        String a = agent.toString();
        assertEquals("unknown argument \"--fast\"", error("--fast", "1"));
        assertEquals("--out needs a value", error("--mode", "smoke", "--agent", a, "--out"));
        assertEquals("--mode given twice", error("--mode", "smoke", "--mode", "full"));
        assertEquals("missing --agent", error("--mode", "smoke", "--out", "x"));
        assertEquals("--mode quick: expected smoke or full", error("--mode", "quick", "--agent", a, "--out", "x"));
        assertEquals("--agent " + dir.resolve("none.jar") + ": no such file; expected the statickeys agent jar"
                + " (mvn package builds agent/target/statickeys-agent-*.jar)",
                error("--mode", "smoke", "--agent", dir.resolve("none.jar").toString(), "--out", "x"));
        assertEquals("--only: unknown part \"sites\"; expected some of [site, flip, load, startup, loop]",
                error("--mode", "smoke", "--agent", a, "--out", "x", "--only", "flip,sites"));
        assertEquals(List.of("--mode", "--agent", "--out", "--only"), List.copyOf(
                Suite.options(new String[] {"--mode", "full", "--agent", a, "--out", "x", "--only", "site,loop"}).keySet()));
    }

    @Test
    void thePlanRunsEveryTierWithoutTheAgentAndWithEachBackendAndTheFloorsWithoutIt() {
        Path agent = Path.of("/a/agent.jar");
        List<Suite.Run> runs = Suite.plan(Suite.Mode.SMOKE, agent, Path.of("/b/target/benchmarks.jar"));
        assertEquals(List.of("site-c2-none", "site-c2-holder", "site-c2-inline", "site-c1-none", "site-c1-holder",
                "site-c1-inline", "site-int-none", "site-int-holder", "site-int-inline", "flip-holder", "flip-holder-budget",
                "flip-inline", "flip-none", "flip-holder-jmx-true", "flip-holder-jmx-false", "load-none", "load-floor", "load-agent", "load-agent-notables", "startup"),
                runs.stream().map(Suite.Run::id).toList());
        assertEquals(List.of("-XX:TieredStopAtLevel=1", "-javaagent:/a/agent.jar=backend=inline"), runs.get(5).jvmArgs());
        assertEquals(List.of("-javaagent:/b/target/benchmarks.jar"), runs.get(12).jvmArgs());
        assertEquals(List.of("-Dbench.statickeys.corpus=/b/target/load-corpus", "-javaagent:/a/agent.jar=siteTables=false"),
                runs.get(18).jvmArgs());
        // the MXBean's runs: one class, the platform server created by the benchmark, the bean on and off
        assertEquals(List.of("-Dbench.statickeys.platformMBeanServer=true",
                "-javaagent:/a/agent.jar=backend=holder,flipBudget=2147483647,jmx=false"), runs.get(14).jvmArgs());
        assertEquals(Map.of("classes", "1"), runs.get(14).params());
        assertEquals(Map.of(), runs.get(12).params());
        for (Suite.Run run : runs) {
            assertEquals(run.id().startsWith("site") ? Suite.Mode.SMOKE.site : run.timing(), run.timing(), run.id());
        }
    }

    @Test
    void theFullRunsWhoseLoadRatioIsATargetMeasureEnoughLoadsForItsInterval() {
        List<Suite.Run> runs = Suite.plan(Suite.Mode.FULL, Path.of("/a/agent.jar"), Path.of("/b/target/benchmarks.jar"));
        for (Suite.Run run : runs) {
            if (run.part().equals("load")) {
                Suite.Timing timing = run.timing();
                int measured = timing.forks() * timing.iterations();
                boolean ratio = run.id().equals("load-none") || run.id().equals("load-agent");
                // 400 loads per run bring JMH's 99.9% interval of the ratio within ±0.03 at a spread of 12% per load
                assertEquals(ratio, measured >= 400, run.id() + ": " + measured + " measured loads");
                assertEquals(30, timing.warmups(), run.id() + ": warm-up loads per fork");
            }
        }
    }

    private static String error(String... args) {
        return assertThrows(IllegalArgumentException.class, () -> Suite.options(args)).getMessage();
    }
}
