package dev.statickeys.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.statickeys.testing.ForkedJvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** JVMs started with the agent the way users start them, with good and bad options. */
class AgentStartupIT {
    @TempDir
    Path temp;

    private static String agent(String options) {
        return "-javaagent:" + ForkedJvm.agentJar() + (options.isEmpty() ? "" : "=" + options);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "bogus=1        | unknown option 'bogus'",
        "dump           | malformed option 'dump'",
        "dump=          | option 'dump' has no value",
        "=x             | malformed option '=x'",
        "backend=fast   | option 'backend=fast': expected backend=holder or backend=inline",
        "flipBudget=-1  | option 'flipBudget=-1': expected a whole number from 0 to 2147483647",
        "siteTables=no  | option 'siteTables=no': expected siteTables=true or siteTables=false",
    })
    void badOptionsStopTheJvmNamingTheOptionAndTheAcceptedOnes(String options, String expected) throws Exception {
        ForkedJvm.Result result = ForkedJvm.run(List.of(agent(options)), FlipMain.class.getName(), 60);
        assertEquals(1, result.exitCode, result.toString());
        assertTrue(result.stderr.contains("statickeys agent: "), result.toString());
        assertTrue(result.stderr.contains(expected), result.toString());
        assertTrue(result.stderr.contains("dump=<directory>") || result.stderr.contains("expected"), result.toString());
        assertTrue(!result.stdout.contains("main ran"), "main must not run: " + result);
    }

    @Test
    void dumpWritesThePatchedClassesForJavap() throws Exception {
        Path dump = temp.resolve("dump");
        ForkedJvm.Result result = ForkedJvm.run(List.of(agent("dump=" + dump)), FlipMain.class.getName(), 60);
        assertEquals(0, result.exitCode, result.toString());
        assertTrue(result.stdout.contains("main ran: agent=true before=false after=true"), result.toString());
        Path patched = dump.resolve(FlipMain.class.getName().replace('.', '/') + ".class");
        assertTrue(Files.isRegularFile(patched), "no dump at " + patched);
    }

    @Test
    void withoutTheAgentTheSameCodeRunsAsPlainChecks() throws Exception {
        ForkedJvm.Result result = ForkedJvm.run(List.of(), FlipMain.class.getName(), 60);
        assertEquals(0, result.exitCode, result.toString());
        assertTrue(result.stdout.contains("main ran: agent=false before=false after=true"), result.toString());
    }

    @Test
    void sitesThatCannotBePatchedAreReportedOnceByNameAndStillWork() throws Exception {
        ForkedJvm.Result result = ForkedJvm.run(List.of(agent("")), UnpatchableMain.class.getName(), 60);
        assertEquals(0, result.exitCode, result.toString());
        assertTrue(result.stdout.contains("mutable site followed every flip"), result.toString());
        String report = "sites reading dev.statickeys.fixtures.ShapeKeys.mutable stay plain checks: the field is not static final";
        assertEquals(1, result.stderr.split(java.util.regex.Pattern.quote(report), -1).length - 1, result.toString());
    }
}
