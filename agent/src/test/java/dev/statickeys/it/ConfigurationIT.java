package dev.statickeys.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.statickeys.testing.ForkedJvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Settings from agent options, system properties and a file, in forked JVMs started as users start them. */
class ConfigurationIT {
    @TempDir
    Path temp;

    private static String agent(String options) {
        return "-javaagent:" + ForkedJvm.agentJar() + (options.isEmpty() ? "" : "=" + options);
    }

    @Test
    void keysStartInTheirConfiguredStatesBeforeTheirClassesLoad() throws Exception {
        Path file = Files.writeString(temp.resolve("statickeys.properties"),
                "key.cfg.off-by-default=disabled\nkey.cfg.on-by-default=enabled\n");
        // The option beats the property, which beats the file.
        ForkedJvm.Result result = ForkedJvm.run(List.of(agent("config=" + file + ",key.cfg.on-by-default=disabled"),
                "-Dstatickeys.key.cfg.off-by-default=enabled", "-Dstatickeys.key.cfg.on-by-default=enabled"),
                ConfiguredMain.class.getName(), 60);
        assertEquals(0, result.exitCode, result.toString());
        assertTrue(result.stdout.contains("sites on/off counts 1/0"), result.toString());
        assertTrue(result.stdout.contains("after flips off/on"), result.toString());
        assertFalse(result.stderr.contains("no class has defined"), result.toString());
        // One INFO line per flip, through System.Logger (java.util.logging here), or printed to stderr by the
        // agent in the same words when the JVM is already exiting.
        assertTrue(result.stderr.matches("(?s).*statickeys: flip: cfg\\.off-by-default disabled \\(holder\\);"
                + " 1 class retransformed in [0-9.]+ ms\n.*"), result.toString());
        assertTrue(result.stderr.matches("(?s).*statickeys: flip: cfg\\.on-by-default enabled \\(holder\\);"
                + " 1 class retransformed in [0-9.]+ ms\n.*"), result.toString());
    }

    @Test
    void aSettingNamingAnUndefinedKeyIsReportedOnceByName() throws Exception {
        // The main stays a second, so the report is written by the logging framework, not in the race with
        // exit (where the agent may print a line both ways rather than lose it).
        ForkedJvm.Result result = ForkedJvm.run(List.of(agent("key.cfg.misspelt=enabled,checkKeysAfter=0")),
                ConfiguredMain.class.getName(), 60, "1000");
        assertEquals(0, result.exitCode, result.toString());
        String report = "setting key.cfg.misspelt=enabled names a key that no class has defined";
        assertEquals(1, result.stderr.split(Pattern.quote(report), -1).length - 1, result.toString());
    }

    @Test
    void anUndefinedKeyIsReportedAtExitWhenTheJvmEndsBeforeTheCheck() throws Exception {
        ForkedJvm.Result result = ForkedJvm.run(List.of(agent("key.cfg.misspelt=disabled,checkKeysAfter=600")),
                ConfiguredMain.class.getName(), 60);
        assertEquals(0, result.exitCode, result.toString());
        assertTrue(result.stderr.contains("setting key.cfg.misspelt=disabled names a key that no class has defined"),
                result.toString());
    }

    @Test
    void aMalformedSystemPropertyStopsTheJvmNamingIt() throws Exception {
        ForkedJvm.Result result = ForkedJvm.run(List.of(agent(""), "-Dstatickeys.key.cfg.on-by-default=yes"),
                ConfiguredMain.class.getName(), 60);
        assertEquals(1, result.exitCode, result.toString());
        assertTrue(result.stderr.contains("statickeys agent: system property 'statickeys.key.cfg.on-by-default=yes':"
                + " expected key.cfg.on-by-default=enabled or key.cfg.on-by-default=disabled"), result.toString());
        assertFalse(result.stdout.contains("sites"), "main must not run: " + result);
    }

    @Test
    void aMalformedConfigFileStopsTheJvmNamingTheFileAndTheSetting() throws Exception {
        Path file = Files.writeString(temp.resolve("bad.properties"), "flipBudget=lots\n");
        ForkedJvm.Result result = ForkedJvm.run(List.of(agent(""), "-Dstatickeys.config=" + file),
                ConfiguredMain.class.getName(), 60);
        assertEquals(1, result.exitCode, result.toString());
        assertTrue(result.stderr.contains("'flipBudget=lots' in config file " + file.toAbsolutePath()
                + ": expected a whole number from 0 to 2147483647"), result.toString());
    }

    @Test
    void theAgentLogsOneLineAtStartUpAndNoneBelowTheConfiguredLevel() throws Exception {
        ForkedJvm.Result info = ForkedJvm.run(List.of(agent("")), ConfiguredMain.class.getName(), 60, "1000");
        assertEquals(1, info.stderr.split("statickeys: agent .* started: backend=", -1).length - 1, info.toString());
        ForkedJvm.Result quiet = ForkedJvm.run(List.of(agent("logLevel=warning")), ConfiguredMain.class.getName(), 60);
        assertFalse(quiet.stderr.contains("statickeys:"), quiet.toString());
    }

    @Test
    void aConfigFileThatIsNotARegularFileOfAtMostOneMebibyteStopsTheJvmWithOneLine() throws Exception {
        String expected = "; expected a properties file (a regular file of at most 1048576 bytes)";
        Path zero = Path.of("/dev/zero");
        if (Files.exists(zero)) {
            assertRefused(zero, "cannot read /dev/zero: it is not a regular file (a device, FIFO or socket)" + expected);
        }
        assertRefused(temp, "cannot read " + temp + ": it is a directory" + expected);
        Path fifo = temp.resolve("settings.fifo");
        if (mkfifo(fifo)) { // a FIFO with no writer would block start-up if it were opened
            assertRefused(fifo, "cannot read " + fifo + ": it is not a regular file (a device, FIFO or socket)" + expected);
        } else {
            System.out.println("ConfigurationIT: mkfifo is not available here; the FIFO case is not run");
        }
        Path large = Files.writeString(temp.resolve("large.properties"), "#".repeat(1 << 20) + "\n");
        assertRefused(large, "cannot read " + large + ": it has 1048577 bytes" + expected);
    }

    @Test
    void aSettingRepeatedInTheConfigFileStopsTheJvmNamingIt() throws Exception {
        Path file = Files.writeString(temp.resolve("twice.properties"), "key.cfg.on-by-default=enabled\n"
                + "key.cfg.on-by-default=disabled\n");
        ForkedJvm.Result result = ForkedJvm.run(List.of(agent("config=" + file)), ConfiguredMain.class.getName(), 60);
        assertOneLineExit("statickeys agent: setting 'key.cfg.on-by-default' is given twice in config file " + file
                + "; expected each setting once", result);
    }

    private void assertRefused(Path config, String problem) throws Exception {
        ForkedJvm.Result result = ForkedJvm.run(List.of(agent("config=" + config)), ConfiguredMain.class.getName(), 60);
        assertOneLineExit("statickeys agent: option 'config=" + config + "': " + problem, result);
    }

    private static void assertOneLineExit(String line, ForkedJvm.Result result) {
        assertEquals(1, result.exitCode, result.toString());
        assertTrue(result.stderr.lines().anyMatch(line::equals), "expected the line " + line + "\n" + result);
        assertFalse(result.stderr.contains("Exception") || result.stderr.contains("Error"), "no stack trace: " + result);
        assertFalse(result.stdout.contains("sites"), "main must not run: " + result);
    }

    private static boolean mkfifo(Path fifo) throws InterruptedException {
        try {
            return new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0 && Files.exists(fifo);
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
