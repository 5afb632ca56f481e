package dev.statickeys.it;

import dev.statickeys.testing.RejectingAgent;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/** Builds the jars of second agents for the fault and lock-order tests ({@link RejectingAgent} and others). */
final class RejectingAgents {
    private RejectingAgents() {}

    /** A jar in {@code directory} holding {@link RejectingAgent} with its Premain-Class manifest. */
    static Path jar(Path directory) throws IOException {
        return jar(directory, RejectingAgent.class);
    }

    /**
     * A jar in {@code directory} holding {@code agent} (whose transformer is its first anonymous class) with its
     * Premain-Class manifest.
     */
    static Path jar(Path directory, Class<?> agent) throws IOException {
        Path jar = directory.resolve(agent.getSimpleName() + ".jar");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Premain-Class", agent.getName());
        manifest.getMainAttributes().putValue("Can-Retransform-Classes", "true");
        String entry = agent.getName().replace('.', '/');
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest)) {
            for (String name : List.of(entry + ".class", entry + "$1.class")) {
                out.putNextEntry(new JarEntry(name));
                try (InputStream in = agent.getClassLoader().getResourceAsStream(name)) {
                    in.transferTo(out);
                }
            }
        }
        return jar;
    }
}
