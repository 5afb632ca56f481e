package dev.statickeys.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.statickeys.agent.boot.Bridge;
import dev.statickeys.fixtures.Shapes;
import dev.statickeys.testing.ForkedJvm;
import dev.statickeys.testing.FreshLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent with the site table the build wrote into the test classes (they are compiled with the
 * statickeys processor), and the {@code sites} tool run from the agent jar.
 */
class SiteTablesIT {
    private static final ClassLoader LOADER = SiteTablesIT.class.getClassLoader();

    @TempDir
    Path temp;

    private static String agent(String options) {
        return "-javaagent:" + ForkedJvm.agentJar() + (options.isEmpty() ? "" : "=" + options);
    }

    private static Path testClasses() throws Exception {
        return Path.of(Shapes.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    @Test
    void recordedClassesAreCheckedAgainstTheirTableAndAgree() throws Exception {
        assertEquals("-", Shapes.call(Class.forName(Shapes.class.getName()), "ifThen"));
        Map<String, Long> statistics = Bridge.statistics();
        assertTrue(statistics.get("classesCheckedAgainstTable") > 0, statistics.toString());
        assertEquals(0L, statistics.get("tableMismatches"), statistics.toString());
    }

    @Test
    void aClassRecordedWithoutSitesIsPassedOverWithoutParsing() throws Exception {
        String name = "dev.statickeys.fixtures.ShapeKeys"; // not ShapeKeys.class, which would load it here
        Map<String, Long> before = Bridge.statistics();
        Class<?> copy = new FreshLoader(LOADER, Set.of(name)).loadClass(name);
        assertEquals(name, copy.getName());
        Map<String, Long> after = Bridge.statistics();
        assertEquals(1L, after.get("classesSkippedByTable") - before.get("classesSkippedByTable"), after.toString());
        assertEquals(0L, after.get("classesScanned") - before.get("classesScanned"), after.toString());
    }

    @Test
    void withSiteTablesOffEveryClassThatMentionsAKeyIsScanned() throws Exception {
        ForkedJvm.Result on = ForkedJvm.run(List.of(agent("")), TableStatsMain.class.getName(), 60);
        assertEquals(0, on.exitCode, on.toString());
        assertTrue(on.stdout.matches("(?s).*classesSkippedByTable=[1-9].*"), on.toString());
        ForkedJvm.Result off = ForkedJvm.run(List.of(agent("siteTables=false")), TableStatsMain.class.getName(), 60);
        assertEquals(0, off.exitCode, off.toString());
        assertTrue(off.stdout.contains("shapes: -, key shape.a"), off.toString());
        assertTrue(off.stdout.contains("classesSkippedByTable=0, classesCheckedAgainstTable=0"), off.toString());
    }

    @Test
    void aCorruptTableBesideAClassIsReportedAndTheOthersStillServe() throws Exception {
        // A copy of the key class, first on the class path, beside a corrupt table: that table is its.
        Path bad = temp.resolve("bad");
        Path keyClass = Path.of("dev", "statickeys", "fixtures", "ShapeKeys.class");
        Files.createDirectories(bad.resolve(keyClass).getParent());
        Files.copy(testClasses().resolve(keyClass), bad.resolve(keyClass));
        Files.createDirectories(bad.resolve("META-INF/statickeys"));
        Files.writeString(bad.resolve("META-INF/statickeys/sites"), "statickeys-sites\t1\nsite\tp.A\n");
        ForkedJvm.Result result = ForkedJvm.run(List.of(agent("")), List.of(bad), TableStatsMain.class.getName(), 60);
        assertEquals(0, result.exitCode, result.toString());
        assertTrue(result.stdout.contains("shapes: -, key shape.a"), result.toString());
        assertTrue(result.stderr.contains("statickeys: site table " + bad.toUri().toURL() + "META-INF/statickeys/sites: line 2:"
                + " a site record with 2 fields; expected 9 tab-separated fields"), result.toString());
        assertTrue(result.stderr.contains("The agent ignores this table and scans the classes it would have recorded."),
                result.toString());
        assertTrue(result.stdout.matches("(?s).*classesScanned=[1-9].*classesCheckedAgainstTable=[1-9].*tableMismatches=0.*"),
                result.toString());
    }

    @Test
    void aTableNoLoadedClassLiesBesideIsNeverRead() throws Exception {
        Path bad = temp.resolve("bad");
        Files.createDirectories(bad.resolve("META-INF/statickeys"));
        Files.writeString(bad.resolve("META-INF/statickeys/sites"), "statickeys-sites\t1\nsite\tp.A\n");
        ForkedJvm.Result result = ForkedJvm.run(List.of(agent("")), List.of(bad), TableStatsMain.class.getName(), 60);
        assertEquals(0, result.exitCode, result.toString());
        assertTrue(result.stdout.contains("shapes: -, key shape.a"), result.toString());
        assertFalse(result.stderr.contains("site table"), result.toString());
        assertTrue(result.stdout.matches("(?s).*classesSkippedByTable=[1-9].*classesCheckedAgainstTable=[1-9].*tableMismatches=0.*"),
                result.toString());
    }

    @Test
    void theSitesToolRunsFromTheAgentJar() throws Exception {
        ForkedJvm.Result verified = ForkedJvm.runAgentJar(60, "sites", "--verify", testClasses().toString());
        assertEquals(0, verified.exitCode, verified.toString());
        assertTrue(verified.stdout.contains("\nkey\tshape.a\tfalse\tdev.statickeys.fixtures.ShapeKeys.A\t"), verified.toString());
        assertTrue(verified.stdout.endsWith(": no problems\n"), verified.toString());

        ForkedJvm.Result missing = ForkedJvm.runAgentJar(60, "sites", temp.resolve("missing.jar").toString());
        assertEquals(2, missing.exitCode, missing.toString());
        assertEquals("statickeys sites: " + temp.resolve("missing.jar") + ": no such file or directory\n", missing.stderr);

        ForkedJvm.Result noCommand = ForkedJvm.runAgentJar(60);
        assertEquals(2, noCommand.exitCode, noCommand.toString());
        assertTrue(noCommand.stderr.startsWith("statickeys: no command\nusage: java -jar statickeys-agent.jar sites"),
                noCommand.toString());
    }
}
