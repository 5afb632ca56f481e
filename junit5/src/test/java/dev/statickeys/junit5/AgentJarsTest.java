package dev.statickeys.junit5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentJarsTest {
    @TempDir
    Path dir;

    /** A jar with {@code premainClass} in its manifest (none if null) and the given empty entries. */
    static Path jar(Path file, String premainClass, String... entries) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (premainClass != null) {
            manifest.getMainAttributes().putValue("Premain-Class", premainClass);
        }
        try (OutputStream out = Files.newOutputStream(file); JarOutputStream jar = new JarOutputStream(out, manifest)) {
            for (String entry : entries) {
                jar.putNextEntry(new JarEntry(entry));
                jar.closeEntry();
            }
        }
        return file;
    }

    @Test
    void theAgentJarIsTheOneHoldingTheIsolatedEntryWhateverItsName() throws IOException {
        Path renamed = jar(dir.resolve("renamed.jar"), AgentJars.TRAMPOLINE, AgentJars.ENTRY_FILE);
        Path other = jar(dir.resolve("other.jar"), null, "a/B.class");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {other.toUri().toURL(), renamed.toUri().toURL()}, null)) {
            assertEquals(renamed, AgentJars.onClassPath(loader));
        }
    }

    @Test
    void aClassDirectoryOrNoAgentAtAllIsNoAgentJar() throws IOException {
        Path classes = dir.resolve("classes");
        Files.createDirectories(classes.resolve(AgentJars.ENTRY_FILE).getParent());
        Files.createFile(classes.resolve(AgentJars.ENTRY_FILE));
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, null)) {
            assertNull(AgentJars.onClassPath(loader));
        }
        try (URLClassLoader loader = new URLClassLoader(new URL[0], null)) {
            assertNull(AgentJars.onClassPath(loader));
        }
    }

    @Test
    void aJavaagentIsOursWhenItsManifestNamesTheTrampoline() throws IOException {
        Path ours = jar(dir.resolve("agent.jar"), AgentJars.TRAMPOLINE);
        Path theirs = jar(dir.resolve("peer.jar"), "com.example.Premain");
        assertEquals(ours, AgentJars.startedWith(List.of("-Xmx64m", "-javaagent:peer.jar", "-javaagent:agent.jar=backend=inline"), dir));
        assertEquals(ours, AgentJars.startedWith(List.of("-javaagent:" + ours), Path.of("/")));
        assertNull(AgentJars.startedWith(List.of("-javaagent:" + theirs, "-javaagent:missing.jar", "-javaagent:\0"), dir));
    }

    @Test
    void aFileThatIsNoJarIsNoAgent() throws IOException {
        Path text = Files.writeString(dir.resolve("agent.jar"), "not a jar");
        assertFalse(AgentJars.isAgent(text));
        assertFalse(AgentJars.isAgent(dir));
        assertTrue(AgentJars.isAgent(jar(dir.resolve("real.jar"), AgentJars.TRAMPOLINE)));
    }
}
