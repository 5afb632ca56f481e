package dev.statickeys.it;

import dev.statickeys.testing.StallingAgent;
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

/** Builds the jar of {@link StallingAgent}, the second agent whose retransformations hang. */
final class StallingAgents {
    private StallingAgents() {}

    /** A jar in {@code directory} holding {@link StallingAgent} with its Premain-Class manifest. */
    static Path jar(Path directory) throws IOException {
        Path jar = directory.resolve("stalling-agent.jar");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Premain-Class", StallingAgent.class.getName());
        manifest.getMainAttributes().putValue("Can-Retransform-Classes", "true");
        String entry = StallingAgent.class.getName().replace('.', '/');
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest)) {
            for (String name : List.of(entry + ".class", entry + "$1.class")) {
                out.putNextEntry(new JarEntry(name));
                try (InputStream in = StallingAgent.class.getClassLoader().getResourceAsStream(name)) {
                    in.transferTo(out);
                }
            }
        }
        return jar;
    }
}
