package dev.statickeys.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Jars of the test agents ({@link DumpAuditAgent}, ...) for {@code -javaagent:} in forked JVMs. */
public final class AgentJars {
    private AgentJars() {}

    /**
     * A jar in {@code directory} holding {@code agent} and its nested and anonymous classes, with a
     * {@code Premain-Class} manifest that allows retransformation.
     */
    public static Path of(Class<?> agent, Path directory) throws IOException {
        Path jar = directory.resolve(agent.getSimpleName() + ".jar");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Premain-Class", agent.getName());
        manifest.getMainAttributes().putValue("Can-Retransform-Classes", "true");
        String entry = agent.getName().replace('.', '/');
        Path classes;
        try {
            classes = Path.of(agent.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IOException(e);
        }
        Path folder = classes.resolve(entry).getParent();
        List<Path> files;
        try (Stream<Path> listing = Files.list(folder)) {
            String simple = agent.getSimpleName();
            files = listing.filter(file -> {
                String name = file.getFileName().toString();
                return name.equals(simple + ".class") || name.startsWith(simple + "$");
            }).collect(Collectors.toList());
        }
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest)) {
            for (Path classFile : files) {
                out.putNextEntry(new JarEntry(classes.relativize(classFile).toString().replace('\\', '/')));
                out.write(Files.readAllBytes(classFile));
            }
        }
        return jar;
    }
}
