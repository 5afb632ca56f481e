package dev.statickeys.samples.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The attach command channel runs the jar, echoes its output and names a failure; the jar is a fake. */
class AttachCommandKeyChannelTest {
    @TempDir
    Path temp;

    private Path jar;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private AttachCommandKeyChannel channel;
    private String java;

    @BeforeEach
    void fakeAgentJar() throws IOException {
        jar = temp.resolve("fake-agent.jar");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, FakeAttachCommand.class.getName());
        String entry = FakeAttachCommand.class.getName().replace('.', '/') + ".class";
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream zip = new JarOutputStream(file, manifest);
                InputStream bytes = FakeAttachCommand.class.getResourceAsStream("FakeAttachCommand.class")) {
            zip.putNextEntry(new ZipEntry(entry));
            bytes.transferTo(zip);
        }
        java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        channel = new AttachCommandKeyChannel(java, jar, 4242, new PrintStream(out, true, StandardCharsets.UTF_8));
    }

    @Test
    void aCommandThatSucceedsIsEchoed() throws ScenarioException {
        channel.enable("service.validation");
        assertEquals("  [attach] $ " + java + " -jar " + jar + " 4242 enable service.validation\n"
                + "  [attach] enabled service.validation in JVM 4242\n", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aCommandThatFailsIsNamedWithItsStatusAndFirstMessage() {
        ScenarioException failure = assertThrows(ScenarioException.class, () -> channel.disable("service.nope"));
        assertEquals("attach command: `" + java + " -jar " + jar + " 4242 disable service.nope` exited with status 3:"
                + " statickeys: no key service.nope in JVM 4242", failure.getMessage());
    }
}
