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
}
