package dev.statickeys.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.statickeys.testing.AgentJars;
import dev.statickeys.testing.DumpAuditAgent;
import dev.statickeys.testing.ForkedJvm;
import dev.statickeys.testing.SiteCorpus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dump=} in forked JVMs: it writes only inside its directory, and it dumps every class handed over. */
class DumpIT {
    private static final String BACKEND = System.getProperty("it.statickeys.backend", "holder");

    @TempDir
    Path temp;

    private static String agent(String options) {
        return "-javaagent:" + ForkedJvm.agentJar() + "=backend=" + BACKEND + "," + options;
    }

    private static long count(String text, String part) {
        return text.split(Pattern.quote(part), -1).length - 1;
    }

    @Test
    void aDotLeadingClassNameIsNotWrittenOutsideTheDumpDirectory() throws Exception {
        // defineClass(".tmp.x.Escape") reaches the transformer as /tmp/x/Escape: an absolute path.
        Path outside = Files.createTempDirectory("statickeysEscape");
        try {
            String escaping = outside.toString().replace('/', '.') + ".Escape";
            assumeTrue(escaping.startsWith(".") && escaping.indexOf("..") < 0
                    && escaping.substring(1).chars().allMatch(c -> c == '.' || Character.isJavaIdentifierPart(c)),
                    "the temporary directory " + outside + " cannot be written as a class name");
            Path dump = temp.resolve("dump");
            List<String> names = List.of(escaping, "x..y.Escape", "trailing.Escape.", "ok.Valid");
            ForkedJvm.Result result = ForkedJvm.run(List.of(agent("dump=" + dump)), DumpEscapeMain.class.getName(),
                    60, names.toArray(new String[0]));
            assertEquals(0, result.exitCode, result.toString());
            try (Stream<Path> written = Files.list(outside)) {
                assertEquals(List.of(), written.toList(), result.toString());
            }
            for (String name : names.subList(0, 3)) {
                String report = "class " + name + " is not dumped: its name is not a binary class name that stays"
                        + " inside the dump directory " + dump.toAbsolutePath();
                assertEquals(1, count(result.stderr, report), "once for two definitions: " + result);
            }
            assertEquals(2, count(result.stdout, "defined ok.Valid: site reads false"), result.toString());
            assertTrue(Files.isRegularFile(dump.resolve("ok/Valid.class")), "the valid class is dumped: " + result);
            try (Stream<Path> dumped = Files.walk(dump)) {
                assertFalse(dumped.anyMatch(file -> file.toString().contains("Escape")), result.toString());
            }
        } finally {
            try (Stream<Path> left = Files.walk(outside)) {
                left.sorted(java.util.Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
            }
        }
    }

    @Test
    void anUnwritableDumpDirectoryIsReportedOnceAndClassesStillLoad() throws Exception {
        Path dump = Files.createDirectories(temp.resolve("dump"));
        Files.createFile(dump.resolve("dev")); // every class here is dev/...: none of them can be written
        ForkedJvm.Result result = ForkedJvm.run(List.of(agent("dump=" + dump)), FlipMain.class.getName(), 60);
        assertEquals(0, result.exitCode, result.toString());
        assertTrue(result.stdout.contains("main ran: agent=true before=false after=true"), result.toString());
        assertEquals(1, count(result.stderr, "cannot write patched classes to " + dump.toAbsolutePath()),
                result.toString());
    }

    @Test
    void everyClassTheAgentHandsToTheJvmIsDumped() throws Exception {
        SiteCorpus.Build build = SiteCorpus.compile(17, temp.resolve("corpus"));
        Path dump = temp.resolve("dump");
        Path audit = AgentJars.of(DumpAuditAgent.class, temp);
        ForkedJvm.Result result = ForkedJvm.run(List.of(agent("dump=" + dump), "-javaagent:" + audit + "=" + dump),
                CorpusMain.class.getName(), 180, build.classes.toString());
        assertEquals(0, result.exitCode, result.toString());
        Matcher summary = Pattern.compile("dump audit: ([0-9]+) classes changed, ([0-9]+) without an identical dump")
                .matcher(result.stderr);
        assertTrue(summary.find(), result.toString());
        assertTrue(Integer.parseInt(summary.group(1)) >= build.topLevel().size(), result.toString());
        assertEquals("0", summary.group(2), result.toString());
    }
}
