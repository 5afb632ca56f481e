package dev.statickeys.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.statickeys.testing.ForkedJvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A premain with nothing to check starts the core at the first class naming the API, not before
 * ({@code boot/Dormant}); with settings to check it starts in premain, as before. Which classes a JVM loaded,
 * and in which order, comes from {@code -Xlog:class+load}.
 */
class DormantStartIT {
    private static final String ENTRY = "dev.statickeys.agent.Entry ";
    private static final String DORMANT = "dev.statickeys.agent.boot.Dormant ";

    @TempDir
    Path temp;

    private ForkedJvm.Result run(Class<?> main, String... jvmOptions) throws Exception {
        List<String> options = new java.util.ArrayList<>(List.of(jvmOptions));
        options.add("-Xlog:class+load=info:file=" + temp.resolve("classes.log"));
        return ForkedJvm.run(options, main.getName(), 120);
    }

    private List<String> loaded() throws Exception {
        return Files.readAllLines(temp.resolve("classes.log"));
    }

    private static int indexOf(List<String> log, String name) {
        for (int i = 0; i < log.size(); i++) {
            if (log.get(i).contains(name)) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void anApplicationThatNeverNamesTheApiNeverStartsTheCore() throws Exception {
        ForkedJvm.Result result = run(NoApiMain.class, "-javaagent:" + ForkedJvm.agentJar());
        assertEquals(0, result.exitCode, result.toString());
        assertEquals("main ran without keys\n", result.stdout, result.toString());
        assertEquals("", result.stderr, result.toString());
        List<String> log = loaded();
        assertTrue(indexOf(log, DORMANT) >= 0, "the dormant transformer was not registered");
        assertEquals(-1, indexOf(log, ENTRY), "the core started for an application without keys");
        assertEquals(-1, indexOf(log, "dev.statickeys.agent.Agent "), "the agent was started");
    }

    @Test
    void theFirstClassWithASiteStartsTheCoreBeforeItIsDefinedAndIsPatched() throws Exception {
        ForkedJvm.Result result = run(FlipMain.class, "-javaagent:" + ForkedJvm.agentJar());
        assertEquals(0, result.exitCode, result.toString());
        assertTrue(result.stdout.contains("main ran: agent=true before=false after=true"), result.toString());
        List<String> log = loaded();
        int entry = indexOf(log, ENTRY);
        int main = indexOf(log, FlipMain.class.getName() + " ");
        assertTrue(entry >= 0 && entry < main, "the core must start before the class is defined: entry line "
                + entry + ", main class line " + main);
        assertTrue(indexOf(log, "dev.statickeys.holders.Key$main$key ") >= 0, "the site did not get its holder");
    }

    /**
     * Every lambda or method reference the agent (or the API's core) evaluates on its way to the first site
     * is a class spun at that moment, about half a millisecond each in a JVM that has just started (issue 19's
     * start-up profile); the start path is written without them, and this keeps it so.
     */
    @Test
    void theFirstClassWithASiteSpinsNoLambdaOfTheAgentOrTheApi() throws Exception {
        ForkedJvm.Result result = run(OneSiteMain.class, "-javaagent:" + ForkedJvm.agentJar());
        assertEquals(0, result.exitCode, result.toString());
        assertEquals("enabled: false\n", result.stdout, result.toString());
        List<String> log = loaded();
        assertTrue(indexOf(log, ENTRY) >= 0, "the core did not start");
        List<String> spun = new java.util.ArrayList<>();
        for (String line : log) {
            if (line.contains(" dev.statickeys.") && line.contains("$$Lambda")) {
                spun.add(line.substring(line.indexOf(" dev.statickeys.") + 1));
            }
        }
        assertEquals(List.of(), spun, "lambdas spun on the way to the first site");
    }

    @Test
    void threadsMeetingTheApiTogetherAllWaitForOneStartAndAllArePatched() throws Exception {
        ForkedJvm.Result result = run(FirstUseRaceMain.class, "-javaagent:" + ForkedJvm.agentJar());
        assertEquals(0, result.exitCode, result.toString());
        assertTrue(result.stdout.contains("failures []"), result.toString());
        assertTrue(result.stdout.contains("agent=true KeyStatistics[sites=" + FirstUseRaceMain.THREADS + ", classes="
                + FirstUseRaceMain.THREADS + ", flips=0]"), result.toString());
        List<String> log = loaded();
        assertEquals(1, log.stream().filter(line -> line.contains(ENTRY)).count(), "one core, started once");
        int entry = indexOf(log, ENTRY);
        for (int i = 0; i < FirstUseRaceMain.THREADS; i++) {
            int sites = indexOf(log, FirstUseRaceMain.class.getName() + "$Sites" + i + " ");
            assertTrue(sites > entry, "Sites" + i + " was defined before the core started");
        }
    }

    @Test
    void aSettingInASystemPropertyStartsTheCoreInPremain() throws Exception {
        ForkedJvm.Result result = run(NoApiMain.class, "-javaagent:" + ForkedJvm.agentJar(),
                "-Dstatickeys.logLevel=warning");
        assertEquals(0, result.exitCode, result.toString());
        List<String> log = loaded();
        int entry = indexOf(log, ENTRY);
        assertTrue(entry >= 0 && entry < indexOf(log, NoApiMain.class.getName() + " "), "not started in premain");
        assertEquals(-1, indexOf(log, DORMANT), "deferred although a setting needed checking");
    }

    @Test
    void aBadSettingInASystemPropertyStillStopsTheJvmBeforeMain() throws Exception {
        ForkedJvm.Result result = run(NoApiMain.class, "-javaagent:" + ForkedJvm.agentJar(), "-Dstatickeys.backend=fast");
        assertEquals(1, result.exitCode, result.toString());
        assertTrue(result.stderr.contains("system property 'statickeys.backend=fast'"), result.toString());
        assertFalse(result.stdout.contains("main ran"), result.toString());
    }

    @Test
    void agentOptionsStartTheCoreInPremain() throws Exception {
        ForkedJvm.Result result = run(NoApiMain.class, "-javaagent:" + ForkedJvm.agentJar() + "=jmx=false");
        assertEquals(0, result.exitCode, result.toString());
        List<String> log = loaded();
        int entry = indexOf(log, ENTRY);
        assertTrue(entry >= 0 && entry < indexOf(log, NoApiMain.class.getName() + " "), "not started in premain");
    }

    @Test
    void nothingReachableFromTheVisibleClassesHoldsTheInstrumentationWhileTheAgentWaits() throws Exception {
        ForkedJvm.Result result = run(DormantWalkMain.class, "-javaagent:" + ForkedJvm.agentJar());
        assertEquals(0, result.exitCode, result.toString());
        assertTrue(result.stdout.startsWith("found [] truncated false visited "), result.toString());
        assertTrue(indexOf(loaded(), DORMANT) >= 0, "the agent did not wait for the API");
    }
}
