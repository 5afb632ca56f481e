package dev.statickeys.agent.boot;

import java.io.IOException;
import java.io.InputStream;
import java.lang.module.Configuration;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReader;
import java.lang.module.ModuleReference;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Builds the agent's module layer: ONE named module, {@value #MODULE}, whose classes are the agent jar's
 * entries under {@value #PREFIX} (a prefix that is no package path, so the system class loader, which also
 * has the jar, can never load them by name). Nothing is extracted: class bytes are read from the jar when the
 * layer's loader first needs them.
 *
 * <p>The module exports nothing and opens nothing (see {@link #descriptor} for why no JDK module needs it to).
 */
final class CoreLayer {
    /** Where the build puts every class of the agent except the visible packages. */
    static final String PREFIX = "statickeys-agent-core/";
    /** The name of the agent's module. */
    static final String MODULE = "dev.statickeys.agent";
    private static final String ENTRY = "dev.statickeys.agent.Entry";
    /** The class file of {@link #ENTRY} in an agent jar as built. */
    static final String ENTRY_FILE = PREFIX + "dev/statickeys/agent/Entry.class";

    private CoreLayer() {}

    /**
     * The core's entry, in a new layer over {@code jar} whose parent loader is {@code parent}.
     *
     * @throws IOException if the jar cannot be read or holds no isolated classes
     */
    @SuppressWarnings({"rawtypes", "unchecked"})
    static BiFunction<String, Object[], Object> load(Path jar, ClassLoader parent) throws IOException {
        // Kept open for the JVM's life: the layer's loader reads class bytes from it on demand.
        JarFile file = new JarFile(jar.toFile(), false);
        Set<String> packages = packages(file);
        if (packages.isEmpty()) {
            file.close();
            throw notTheAgentJar(jar);
        }
        ModuleReference reference = new JarReference(descriptor(packages, version(file)), jar.toUri(), file);
        ModuleFinder finder = new ModuleFinder() {
            @Override
            public Optional<ModuleReference> find(String name) {
                return MODULE.equals(name) ? Optional.of(reference) : Optional.empty();
            }

            @Override
            public Set<ModuleReference> findAll() {
                return Set.of(reference);
            }
        };
        ModuleLayer boot = ModuleLayer.boot();
        Configuration configuration = boot.configuration().resolve(finder, ModuleFinder.of(), Set.of(MODULE));
        // The controller that defineModulesWithOneLoader also makes is dropped here: with it, anyone could
        // open the module's packages.
        ModuleLayer layer = boot.defineModulesWithOneLoader(configuration, parent);
        for (BiFunction provider : ServiceLoader.load(layer, BiFunction.class)) {
            if (provider.getClass().getName().equals(ENTRY) && provider.getClass().getModule().getLayer() == layer) {
                return provider;
            }
        }
        throw new IOException(jar + ": the module " + MODULE + " provides no " + ENTRY);
    }

    private static IOException notTheAgentJar(Path jar) {
        return new IOException(jar + " has no classes under " + PREFIX
                + "; expected the statickeys agent jar as the build makes it");
    }

    /**
     * The module: it requires {@code java.instrument}, and {@code java.management}, {@code jdk.jfr} and
     * {@code jdk.attach} only when the runtime has them (a static requires of a module the boot layer has
     * still gives a read edge): the core uses JMX only when asked, checks for JFR before it uses it, and only
     * the attach tool needs jdk.attach, which must be able to say that it is missing.
     *
     * <p>No exports, no opens, measured on JDK 17 and 25. JMX calls an MXBean's methods reflectively from
     * {@code sun.reflect.misc.Trampoline}, in the unnamed module of a JDK-private loader, which no qualified
     * export can name; so the MXBean interface and its row type ({@link StaticKeysMXBean},
     * {@link KeyStatus}) are visible classes beside this one (an interface and an immutable value), and
     * the implementation stays in the module. JFR needs nothing: {@code jdk.jfr} itself makes event classes
     * in named modules accessible to it as they register.
     */
    static ModuleDescriptor descriptor(Set<String> packages, String version) {
        Set<ModuleDescriptor.Requires.Modifier> optional = Set.of(ModuleDescriptor.Requires.Modifier.STATIC);
        ModuleDescriptor.Builder builder = ModuleDescriptor.newModule(MODULE)
                .requires("java.instrument")
                .requires(optional, "java.management")
                .requires(optional, "jdk.jfr")
                .requires(optional, "jdk.attach")
                .packages(packages)
                .provides(BiFunction.class.getName(), List.of(ENTRY));
        if (version != null) {
            try {
                builder.version(version);
            } catch (IllegalArgumentException e) {
                // An unparsable Implementation-Version: the module goes without one.
            }
        }
        return builder.build();
    }

    /**
     * The agent jar: {@code jar} (where the trampoline was loaded from) if it holds the isolated classes, else
     * the first jar of {@code loader}'s class path that does. The JVM loads the trampoline by name through the
     * system class loader, so a copy of the visible classes earlier on the class path (the build's -classes
     * jar, an application that bundles the agent) wins over the -javaagent jar, which the JVM appends last.
     * The class path is searched only then: a search opens every jar on it, and the boot loader's runtime image.
     *
     * @throws IOException naming {@code jar} if neither it nor the class path holds the core's classes
     */
    static Path agentJar(Path jar, ClassLoader loader) throws IOException {
        if (Files.isRegularFile(jar)) {
            try (JarFile file = new JarFile(jar.toFile(), false)) {
                if (file.getJarEntry(ENTRY_FILE) != null) {
                    return jar;
                }
            }
        }
        URL found = loader == null ? null : loader.getResource(ENTRY_FILE);
        Path foundJar = found == null ? null : jarOf(found);
        if (foundJar == null) {
            throw notTheAgentJar(jar);
        }
        return foundJar;
    }

    /** The jar of a {@code jar:file:...!/entry} URL, or null for any other URL. */
    private static Path jarOf(URL entry) {
        if (!"jar".equals(entry.getProtocol())) {
            return null;
        }
        String spec = entry.getPath(); // file:/.../statickeys-agent.jar!/statickeys-agent-core/...
        try {
            return Path.of(new URI(spec.substring(0, spec.indexOf("!/"))));
        } catch (URISyntaxException | IllegalArgumentException | StringIndexOutOfBoundsException e) {
            return null;
        }
    }

    /**
     * The packages of the class files under {@link #PREFIX}, from the jar's central directory. A loop, not a
     * stream: this runs in premain, before the JVM may have bootstrapped any lambda.
     */
    static Set<String> packages(JarFile file) {
        Set<String> packages = new TreeSet<>();
        for (Enumeration<JarEntry> entries = file.entries(); entries.hasMoreElements(); ) {
            String name = entries.nextElement().getName();
            int slash = name.lastIndexOf('/');
            if (name.startsWith(PREFIX) && name.endsWith(".class") && slash > PREFIX.length()) {
                packages.add(name.substring(PREFIX.length(), slash).replace('/', '.'));
            }
        }
        return packages;
    }

    private static String version(JarFile file) throws IOException {
        return file.getManifest() == null ? null : file.getManifest().getMainAttributes().getValue("Implementation-Version");
    }

    /** The module in the jar: its location is the jar, so the core's code source is the agent jar. */
    private static final class JarReference extends ModuleReference {
        private final JarFile file;

        JarReference(ModuleDescriptor descriptor, URI location, JarFile file) {
            super(descriptor, location);
            this.file = file;
        }

        @Override
        public ModuleReader open() {
            return new JarReader(file, location().orElseThrow());
        }
    }

    /** Reads the module's resources as the jar's entries under {@link #PREFIX}. */
    private static final class JarReader implements ModuleReader {
        private final JarFile file;
        private final URI jar;

        JarReader(JarFile file, URI jar) {
            this.file = file;
            this.jar = jar;
        }

        @Override
        public Optional<URI> find(String name) {
            return file.getJarEntry(PREFIX + name) == null ? Optional.empty()
                    : Optional.of(URI.create("jar:" + jar + "!/" + PREFIX + name));
        }

        @Override
        public Optional<InputStream> open(String name) throws IOException {
            JarEntry entry = file.getJarEntry(PREFIX + name);
            return entry == null ? Optional.empty() : Optional.of(file.getInputStream(entry));
        }

        @Override
        public Stream<String> list() {
            return file.stream().map(JarEntry::getName).filter(name -> name.startsWith(PREFIX) && name.length() > PREFIX.length())
                    .map(name -> name.substring(PREFIX.length()));
        }

        @Override
        public void close() {
            // The jar stays open: the layer's loader may read another class at any time.
        }
    }
}
