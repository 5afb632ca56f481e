package dev.statickeys.samples.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scenario's argument handling: every mistake is one clear line plus the usage, status 2, and no
 * JVM is started. (The full run is {@code ScenarioIT}, in a forked JVM with the real agent.)
 */
class ScenarioTest {
    @TempDir
    Path temp;

    private record Run(int status, String out, String err) {}

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Scenario.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static void assertUsageError(String message, String... args) {
        Run run = run(args);
        assertEquals(new Run(2, "", "Scenario: " + message + "\n" + ScenarioOptions.USAGE + "\n"), run);
    }

    @Test
    void aMissingAgentIsAUsageError() {
        assertUsageError("missing --agent <path to the statickeys-agent jar>");
        assertUsageError("missing --agent <path to the statickeys-agent jar>", "--requests", "10");
        assertUsageError("--agent needs a value", "--agent");
    }

    @Test
    void anAgentThatIsNotThereOrNotAFileIsNamed() {
        Path missing = temp.resolve("statickeys-agent.jar");
        assertUsageError("--agent " + missing + ": no such file", "--agent", missing.toString(), "--service", "x");
        assertUsageError("--agent " + temp + ": not a file", "--agent", temp.toString(), "--service", "x");
    }

    @Test
    void anAgentThatIsNotAJarOrNotAnAgentIsNamed() throws IOException {
        Path text = Files.writeString(temp.resolve("notes.jar"), "not a zip");
        Run run = run("--agent", text.toString(), "--service", "x");
        assertEquals(2, run.status());
        assertTrue(run.err().startsWith("Scenario: --agent " + text + ": not a jar file ("), run.err());

        Path plainJar = jar("plain.jar", null);
        assertUsageError("--agent " + plainJar + ": not a Java agent jar (its manifest has no Premain-Class); expected"
                + " statickeys-agent-<version>.jar", "--agent", plainJar.toString(), "--service", "x");
    }

    @Test
    void aMissingOrWrongServiceJarIsNamed() throws IOException {
        Path agent = jar("agent.jar", "Premain-Class");
        assertUsageError("missing --service <path to the statickeys-sample-service jar>", "--agent", agent.toString());
        assertUsageError("--service needs a value", "--agent", agent.toString(), "--service");
        Path missing = temp.resolve("service.jar");
        assertUsageError("--service " + missing + ": no such file", "--agent", agent.toString(), "--service",
                missing.toString());
        // The agent jar is no Spring Boot executable jar: its manifest has no Start-Class.
        assertUsageError("--service " + agent + ": not a Spring Boot executable jar (its manifest has no Start-Class);"
                + " expected statickeys-sample-service-<version>.jar", "--agent", agent.toString(), "--service",
                agent.toString());
    }

    /** An empty jar whose manifest names {@code attribute} (none if null). */
    private Path jar(String name, String attribute) throws IOException {
        Path jar = temp.resolve(name);
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (attribute != null) {
            manifest.getMainAttributes().putValue(attribute, "Example");
        }
        try (OutputStream file = Files.newOutputStream(jar)) {
            new JarOutputStream(file, manifest).close();
        }
        return jar;
    }

    @Test
    void badRequestCountsAndUnknownArgumentsAreNamed() {
        assertUsageError("--requests 0: expected a whole number from 1 to 1000000", "--requests", "0", "--agent", "x");
        assertUsageError("--requests many: expected a whole number from 1 to 1000000", "--requests", "many");
        assertUsageError("unknown argument '--port'", "--port", "1");
    }

    @Test
    void helpPrintsTheUsage() {
        assertEquals(new Run(0, ScenarioOptions.USAGE + "\n", ""), run("--help"));
    }
}
