package dev.statickeys.junit5;

import java.io.IOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * Where the statickeys agent jar is, and whether the JVM was started with it. Both are decided from the jar's
 * own content, never from its file name (a build may rename it): the agent jar is the one holding the agent's
 * isolated entry class ({@value #ENTRY_FILE}, a path no other jar has), and a {@code -javaagent} is ours when
 * its jar names {@value #TRAMPOLINE} as {@code Premain-Class}.
 *
 * <p>Nothing here loads or initializes a class of the agent or the API: the agent must find neither loaded
 * when it arrives (see {@link AgentAttach}).
 */
final class AgentJars {
    /** The agent's entry class inside the jar, under the prefix of its isolated module (agent/pom.xml). */
    static final String ENTRY_FILE = "statickeys-agent-core/dev/statickeys/agent/Entry.class";
    static final String TRAMPOLINE = "dev.statickeys.agent.boot.Trampoline";
    private static final String JAVAAGENT = "-javaagent:";

    private AgentJars() {}

    /** The agent jar on {@code loader}'s class path, or null if there is none. */
    static Path onClassPath(ClassLoader loader) {
        URL entry = loader == null ? null : loader.getResource(ENTRY_FILE);
        if (entry == null || !"jar".equals(entry.getProtocol())) {
            return null;
        }
        try {
            // Parses the URL only (jar:file:/.../statickeys-agent.jar!/...): the jar is not opened here.
            URL jar = ((JarURLConnection) entry.openConnection()).getJarFileURL();
            return "file".equals(jar.getProtocol()) ? Path.of(jar.toURI()) : null;
        } catch (IOException | URISyntaxException | IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * The statickeys agent jar among the JVM's {@code -javaagent:<jar>[=options]} arguments (relative paths
     * against {@code workingDirectory}, as the JVM resolves them), or null.
     */
    static Path startedWith(List<String> jvmArguments, Path workingDirectory) {
        for (String argument : jvmArguments) {
            if (!argument.startsWith(JAVAAGENT)) {
                continue;
            }
            String spec = argument.substring(JAVAAGENT.length());
            int options = spec.indexOf('=');
            Path jar;
            try {
                jar = workingDirectory.resolve(options < 0 ? spec : spec.substring(0, options));
            } catch (IllegalArgumentException e) {
                continue; // not a path here (InvalidPathException): not a jar the JVM could have opened
            }
            if (isAgent(jar)) {
                return jar;
            }
        }
        return null;
    }

    /** Whether {@code jar} is a readable jar whose manifest names the statickeys trampoline as Premain-Class. */
    static boolean isAgent(Path jar) {
        if (!Files.isRegularFile(jar)) {
            return false;
        }
        try (JarFile file = new JarFile(jar.toFile(), false)) {
            Manifest manifest = file.getManifest();
            return manifest != null && TRAMPOLINE.equals(manifest.getMainAttributes().getValue("Premain-Class"));
        } catch (IOException | SecurityException e) {
            return false;
        }
    }
}
