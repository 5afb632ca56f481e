package dev.statickeys.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.statickeys.agent.jvm.SiteForm;
import dev.statickeys.testing.HostileInputReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.lang.System.Logger.Level;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AgentOptionsTest {
    @TempDir
    Path temp;

    @Test
    void noOptionsMeansDefaults() {
        assertNull(AgentOptions.parse(null).dump());
        assertNull(AgentOptions.parse("").dump());
        assertEquals(SiteForm.HOLDER, AgentOptions.parse(null).backend());
    }

    @Test
    void backendSelectsTheFormAtLoad() {
        assertEquals(SiteForm.HOLDER, AgentOptions.parse("backend=holder").backend());
        assertEquals(SiteForm.INLINE, AgentOptions.parse("backend=inline").backend());
        assertEquals(SiteForm.INLINE, AgentOptions.parse("dump=" + temp + ",backend=inline").backend());
    }

    @Test
    void flipBudgetIsAWholeNumber() {
        assertEquals(AgentOptions.DEFAULT_FLIP_BUDGET, AgentOptions.parse(null).flipBudget());
        assertEquals(0, AgentOptions.parse("flipBudget=0").flipBudget());
        assertEquals(Integer.MAX_VALUE, AgentOptions.parse("flipBudget=2147483647").flipBudget());
    }

    @ParameterizedTest
    @ValueSource(strings = {"flipBudget=", "flipBudget=-1", "flipBudget=2147483648", "flipBudget=1e3", "flipBudget=ten",
            "flipBudget=99999999999"})
    void badFlipBudgetNamesTheValueAndTheRange(String text) {
        String message = refused(text);
        assertEquals("option '" + text + "': expected a whole number from 0 to 2147483647", message);
    }

    @ParameterizedTest
    @ValueSource(strings = {"backend=", "backend=plain", "backend=HOLDER", "backend=inline "})
    void unknownBackendNamesTheValueAndTheChoices(String text) {
        String message = refused(text);
        assertTrue(message.startsWith("option '" + text + "'"), message);
        assertTrue(message.endsWith("expected backend=holder or backend=inline"), message);
    }

    @Test
    void dumpCreatesTheDirectory() {
        Path dir = temp.resolve("a/b");
        assertEquals(dir.toAbsolutePath(), AgentOptions.parse("dump=" + dir).dump());
        assertTrue(Files.isDirectory(dir));
    }

    @ParameterizedTest
    @ValueSource(strings = {"verbose", "=x", ",", "dump=/tmp/x,", "dump"})
    void malformedOptionsNameTheOptionAndTheAcceptedOnes(String text) {
        String message = refused(text);
        assertTrue(message.contains("accepted options: " + AgentOptions.ACCEPTED)
                || message.contains("expected dump=<directory>"), message);
    }

    @Test
    void siteTablesAreReadUnlessTurnedOff() {
        assertTrue(AgentOptions.parse("").siteTables());
        assertTrue(AgentOptions.parse("siteTables=true").siteTables());
        assertFalse(AgentOptions.parse("siteTables=false").siteTables());
        String message = refused("siteTables=no");
        assertEquals("option 'siteTables=no': expected siteTables=true or siteTables=false", message);
    }

    @Test
    void unknownOptionIsNamed() {
        String message = refused("bakend=inline");
        assertTrue(message.contains("unknown option 'bakend'"), message);
    }

    @Test
    void repeatedOptionIsRefused() {
        String message = refused("dump=" + temp + ",dump=" + temp);
        assertTrue(message.contains("given twice"), message);
    }

    @Test
    void dumpOntoARegularFileIsRefused() throws Exception {
        Path file = Files.createFile(temp.resolve("file"));
        String message = refused("dump=" + file);
        assertTrue(message.contains("cannot create directory"), message);
    }

    @Test
    void emptyDumpValueIsRefused() {
        String message = refused("dump=");
        assertTrue(message.contains("option 'dump' has no value"), message);
    }

    @Test
    void precedenceIsOptionsThenSystemPropertiesThenFileThenDefaults() throws Exception {
        Path file = Files.writeString(temp.resolve("sk.properties"),
                "backend=inline\nflipBudget=7\nsiteTables=false\nkey.a=enabled\nkey.b=enabled\n");
        AgentOptions options = AgentOptions.load("config=" + file + ",flipBudget=9,key.a=disabled",
                Map.of("statickeys.flipBudget", "8", "statickeys.siteTables", "true", "statickeys.key.b", "disabled",
                        "statickeys.key.c", "enabled", "other.flipBudget", "1"));
        assertEquals(SiteForm.INLINE, options.backend()); // file
        assertEquals(9, options.flipBudget()); // option over property over file
        assertTrue(options.siteTables()); // property over file
        assertEquals(Map.of("a", false, "b", false, "c", true), options.keys());
        assertEquals(file.toAbsolutePath(), options.config());
        assertEquals(Level.INFO, options.logLevel()); // default
        assertTrue(options.jmx());
    }

    @Test
    void theConfigFileMayBeNamedByASystemProperty() throws Exception {
        Path file = Files.writeString(temp.resolve("sk.properties"), "jmx=false\nlogLevel=debug\n");
        AgentOptions options = AgentOptions.load(null, Map.of("statickeys.config", file.toString()));
        assertFalse(options.jmx());
        assertEquals(Level.DEBUG, options.logLevel());
    }

    @Test
    void badSettingsNameTheirSource() throws Exception {
        Path file = Files.writeString(temp.resolve("bad.properties"), "key.tracing=on\n");
        assertEquals("system property 'statickeys.backend=fast': expected backend=holder or backend=inline",
                message(null, Map.of("statickeys.backend", "fast")));
        assertEquals("'key.tracing=on' in config file " + file.toAbsolutePath()
                        + ": expected key.tracing=enabled or key.tracing=disabled",
                message("config=" + file, Map.of()));
        assertEquals("option 'logLevel=loud': expected logLevel=off, error, warning, info, debug or trace",
                message("logLevel=loud", Map.of()));
        assertEquals("option 'key.a b=enabled': expected key.<name> where <name> is 1 to 200 characters from"
                + " [A-Za-z0-9._-]", message("key.a b=enabled", Map.of()));
        assertTrue(message(null, Map.of("statickeys.bakend", "inline"))
                .startsWith("unknown system property 'bakend' in 'statickeys.bakend'"));
    }

    @Test
    void aMissingOrNestedConfigFileIsRefused() throws Exception {
        Path missing = temp.resolve("missing.properties");
        assertTrue(message("config=" + missing, Map.of())
                .startsWith("option 'config=" + missing + "': cannot read " + missing.toAbsolutePath()));
        Path nested = Files.writeString(temp.resolve("nested.properties"), "config=/etc/other\n");
        assertTrue(message(null, Map.of("statickeys.config", nested.toString())).contains(
                "'config=/etc/other' in config file " + nested.toAbsolutePath() + ": a config file cannot name another"));
        Path unknown = Files.writeString(temp.resolve("unknown.properties"), "bakend=inline\n");
        assertTrue(message("config=" + unknown, Map.of()).startsWith("unknown setting 'bakend' in 'bakend in config file"));
    }

    private static final String EXPECTED_FILE = "; expected a properties file (a regular file of at most 1048576 bytes)";

    @Test
    void aConfigFileThatIsADeviceIsRefusedUnread() {
        Path zero = Path.of("/dev/zero");
        assumeTrue(Files.exists(zero), "no /dev/zero here");
        assertEquals("option 'config=/dev/zero': cannot read /dev/zero: it is not a regular file (a device, FIFO or"
                + " socket)" + EXPECTED_FILE, message("config=/dev/zero", Map.of()));
    }

    @Test
    void aConfigFileThatIsADirectoryIsRefused() {
        assertEquals("system property 'statickeys.config=" + temp + "': cannot read " + temp.toAbsolutePath()
                + ": it is a directory" + EXPECTED_FILE, message(null, Map.of("statickeys.config", temp.toString())));
    }

    @Test
    void aConfigFileThatIsAFifoIsRefusedWithoutBlocking() throws Exception {
        Path fifo = temp.resolve("settings.fifo");
        assumeTrue(mkfifo(fifo), "mkfifo is not available here");
        // Opening a FIFO with no writer blocks: the type must be checked before, and this must return.
        String message = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> message("config=" + fifo, Map.of()));
        assertEquals("option 'config=" + fifo + "': cannot read " + fifo.toAbsolutePath() + ": it is not a regular"
                + " file (a device, FIFO or socket)" + EXPECTED_FILE, message);
    }

    @Test
    void aLinkToADeviceIsRefusedAndALinkToAFileIsFollowed() throws Exception {
        Path file = Files.writeString(temp.resolve("real.properties"), "jmx=false\n");
        Path link = Files.createSymbolicLink(temp.resolve("link.properties"), file);
        assertFalse(AgentOptions.parse("config=" + link).jmx());
        assumeTrue(Files.exists(Path.of("/dev/zero")), "no /dev/zero here");
        Path zero = Files.createSymbolicLink(temp.resolve("zero.properties"), Path.of("/dev/zero"));
        assertTrue(message("config=" + zero, Map.of()).endsWith(": it is not a regular file (a device, FIFO or"
                + " socket)" + EXPECTED_FILE));
    }

    @Test
    void aConfigFileOfMoreThanOneMebibyteIsRefusedAndOneOfExactlyThatIsRead() throws Exception {
        String line = "jmx=false\n";
        String padding = "#".repeat(AgentOptions.MAX_CONFIG_BYTES - line.length() - 1) + "\n";
        Path exact = Files.writeString(temp.resolve("exact.properties"), padding + line);
        assertEquals(AgentOptions.MAX_CONFIG_BYTES, Files.size(exact));
        assertFalse(AgentOptions.parse("config=" + exact).jmx());
        Path large = Files.writeString(temp.resolve("large.properties"), "#" + padding + line);
        assertEquals("option 'config=" + large + "': cannot read " + large.toAbsolutePath() + ": it has 1048577 bytes"
                + EXPECTED_FILE, message("config=" + large, Map.of()));
    }

    @Test
    void aSettingRepeatedInTheConfigFileIsRefused() throws Exception {
        Path file = Files.writeString(temp.resolve("twice.properties"), "key.a=enabled\nbackend=inline\nkey.a=disabled\n");
        assertEquals("setting 'key.a' is given twice in config file " + file.toAbsolutePath()
                + "; expected each setting once", message("config=" + file, Map.of()));
        // The same even when spelt differently: the properties format also takes ':' and blanks.
        Path spelt = Files.writeString(temp.resolve("spelt.properties"), "jmx=false\njmx : true\n");
        assertEquals("setting 'jmx' is given twice in config file " + spelt.toAbsolutePath()
                + "; expected each setting once", message(null, Map.of("statickeys.config", spelt.toString())));
    }

    /** Makes a FIFO with mkfifo(1); false where that is not possible. */
    static boolean mkfifo(Path fifo) throws InterruptedException {
        try {
            Process process = new ProcessBuilder("mkfifo", fifo.toString()).redirectErrorStream(true).start();
            return process.waitFor() == 0 && Files.exists(fifo) && !Files.isRegularFile(fifo);
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private static final HostileInputReport REPORT = new HostileInputReport("options", "Malformed agent options,"
            + " system properties and config files given to `AgentOptions`, and the message each got. At start-up"
            + " the agent prints the message and the JVM exits with status 1 (`ConfigurationIT`, `AgentStartupIT`).");

    private static String refused(String options) {
        return REPORT.record(options, assertThrows(IllegalArgumentException.class, () -> AgentOptions.parse(options))
                .getMessage());
    }

    private static String message(String options, Map<String, String> properties) {
        return REPORT.record((options == null ? "" : options + " ") + properties, assertThrows(
                IllegalArgumentException.class, () -> AgentOptions.load(options, properties)).getMessage());
    }

    @AfterAll
    static void writeReport() {
        REPORT.write();
    }
}
