package dev.statickeys.samples.boot;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * The {@code Main-Class} of a nested ("fat") jar laid out as Spring Boot and similar launchers lay theirs
 * out: this launcher at the root, the application's unmodified jars under {@value #LIB}, and the
 * application's main class named by the manifest attribute {@value #START_CLASS}.
 * <pre>
 * java -javaagent:statickeys-agent.jar -jar samples/target/statickeys-service-nested.jar --port 8080
 * </pre>
 * It reads every {@code lib/*.jar} into memory (in name order), creates a {@link NestedJarClassLoader}
 * over them whose parent is the system class loader, makes it the thread's context class loader, and
 * calls the start class's {@code main} with the same arguments. The application's classes, including the
 * statickeys API, are therefore defined by a loader that is not the class path's, as in a Spring Boot
 * application; the agent must find their site tables and key classes through that loader's resources.
 */
public final class NestedJarLauncher {
    /** Where the nested jars are, inside the outer jar. */
    public static final String LIB = "lib/";
    /** The manifest attribute naming the application's main class. */
    public static final String START_CLASS = "Start-Class";

    private NestedJarLauncher() {}

    /**
     * Runs the start class's {@code main(args)} in a {@link NestedJarClassLoader}; exits with status 2 and
     * one line on stderr if this is not a nested jar. The application's exceptions propagate unchanged.
     */
    public static void main(String[] args) throws Throwable {
        Path outer;
        String startClass;
        List<NestedJar> jars;
        try {
            outer = outerJar();
            try (JarFile jar = new JarFile(outer.toFile())) {
                startClass = startClass(jar, outer);
                jars = nestedJars(jar, outer);
            }
        } catch (IllegalStateException | IOException e) {
            // A jar built or started the wrong way: one line says which, a stack trace would not add to it.
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        // Parent: the system class loader, which also holds the agent jar: the agent's holder classes live
        // there and patched sites call them.
        ClassLoader loader = new NestedJarClassLoader(outer.toUri().getPath(), jars, ClassLoader.getSystemClassLoader());
        Thread.currentThread().setContextClassLoader(loader);
        Method main = Class.forName(startClass, false, loader).getMethod("main", String[].class);
        try {
            main.invoke(null, (Object) args);
        } catch (InvocationTargetException e) {
            throw e.getCause(); // the application's own exception, not the reflection wrapper
        }
    }

    /** The jar this class was loaded from: the launcher only works as {@code java -jar <outer jar>}. */
    private static Path outerJar() {
        Path location;
        try {
            location = Path.of(NestedJarLauncher.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | RuntimeException e) {
            throw new IllegalStateException("NestedJarLauncher: cannot tell which jar it was loaded from: " + e, e);
        }
        if (!Files.isRegularFile(location)) {
            throw new IllegalStateException("NestedJarLauncher: loaded from " + location + ", not from a jar; run it"
                    + " as java -jar <nested jar>");
        }
        return location;
    }

    private static String startClass(JarFile jar, Path outer) throws IOException {
        Manifest manifest = jar.getManifest();
        String startClass = manifest == null ? null : manifest.getMainAttributes().getValue(START_CLASS);
        if (startClass == null || startClass.isBlank()) {
            throw new IllegalStateException("NestedJarLauncher: " + outer + " has no " + START_CLASS
                    + " attribute in its manifest; it names the application's main class");
        }
        return startClass.strip();
    }

    private static List<NestedJar> nestedJars(JarFile jar, Path outer) throws IOException {
        List<JarEntry> entries = new ArrayList<>();
        jar.stream().filter(e -> e.getName().startsWith(LIB) && e.getName().endsWith(".jar")
                && e.getName().indexOf('/', LIB.length()) < 0).forEach(entries::add);
        entries.sort(Comparator.comparing(JarEntry::getName));
        if (entries.isEmpty()) {
            throw new IllegalStateException("NestedJarLauncher: " + outer + " has no " + LIB + "*.jar entries");
        }
        List<NestedJar> jars = new ArrayList<>();
        for (JarEntry entry : entries) {
            try (InputStream in = jar.getInputStream(entry)) {
                jars.add(NestedJar.read(entry.getName(), in.readAllBytes()));
            } catch (IOException e) {
                throw new IOException("NestedJarLauncher: cannot read " + entry.getName() + " in " + outer + ": "
                        + e.getMessage(), e);
            }
        }
        return jars;
    }
}
