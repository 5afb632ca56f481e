package dev.statickeys.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What does the agent add to class loading? Each invocation loads (defines, without initializing) every
 * class of a corpus through a fresh class loader: the classes of well-known third-party jars (Guava,
 * Jackson, Commons Lang and Collections, Groovy; copied by the build into {@code benchmarks/target/load-corpus},
 * or the directory named by {@code -Dbench.statickeys.corpus}) and an application's worth of classes that
 * use keys, compiled in the trial's set-up with {@code javac} and the statickeys processor (so with a site
 * table): {@value #SITE_CLASSES} classes with sites, {@value #USER_CLASSES} classes that mention
 * {@code StaticKey} without a site (the table lets the agent pass over them unparsed) and one class
 * declaring {@value #KEYS} keys. {@link Suite} runs it without the agent, with it, and with it and
 * {@code siteTables=false}.
 *
 * <p>With the statickeys agent, each load also reports the agent's own part of it ({@link AgentTime}): the
 * time spent inside its transformer during that load, as the agent counts it ({@code transformNanos}), and the
 * part of that spent reading the loader's site tables ({@code tableReadNanos}). The load time is too noisy on a
 * shared machine to show a cost of 1 or 2% as a difference between runs; the agent's own count shows it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ClassLoadBenchmark {
    static final int KEYS = 20;
    static final int SITE_CLASSES = 200;
    static final int USER_CLASSES = 200;

    private URL[] path;
    private List<String> names;
    private Path keyCorpus;
    private ClassLoader parent;

    @Setup(Level.Trial)
    public void prepare() throws IOException {
        Path corpus = Path.of(System.getProperty("bench.statickeys.corpus", "benchmarks/target/load-corpus"));
        List<Path> jars;
        try (Stream<Path> files = Files.list(corpus)) {
            jars = files.filter(file -> file.toString().endsWith(".jar")).sorted().toList();
        } catch (IOException e) {
            throw new IOException("no class-load corpus at " + corpus.toAbsolutePath() + " (" + e
                    + "); build with mvn package, run from the project directory or set -Dbench.statickeys.corpus", e);
        }
        if (jars.isEmpty()) {
            throw new IOException("no jars in the class-load corpus " + corpus.toAbsolutePath());
        }
        keyCorpus = compileKeyCorpus();
        names = new ArrayList<>();
        List<URL> urls = new ArrayList<>();
        urls.add(keyCorpus.toUri().toURL());
        names.addAll(keyCorpusNames());
        for (Path jar : jars) {
            urls.add(jar.toUri().toURL());
            names.addAll(classNames(jar));
        }
        path = urls.toArray(new URL[0]);
        // The API from the benchmarks jar, everything else from the platform: no corpus class from the class path.
        // Resources as classes: a parent that lent the API's classes but hid their files would make the agent,
        // which asks for the holders' package by resource, search the whole corpus path and patch inline.
        ClassLoader application = ClassLoadBenchmark.class.getClassLoader();
        parent = new ClassLoader("api-only", ClassLoader.getPlatformClassLoader()) {
            @Override
            protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                return name.startsWith("dev.statickeys.") ? application.loadClass(name) : super.loadClass(name, resolve);
            }

            @Override
            protected URL findResource(String name) {
                return name.startsWith("dev/statickeys/") ? application.getResource(name) : null;
            }

            @Override
            protected Enumeration<URL> findResources(String name) throws IOException {
                return name.startsWith("dev/statickeys/") ? application.getResources(name) : super.findResources(name);
            }
        };
        System.out.println();
        System.out.println("# class-load corpus: " + names.size() + " classes (" + jars.size() + " jars from " + corpus
                + ", " + (1 + SITE_CLASSES + USER_CLASSES) + " key-using classes compiled to " + keyCorpus + ")");
    }

    /**
     * Collects the loaders of earlier loads, and unloads their classes, before each load rather than inside
     * some of them: unloading thousands of classes in a measured load was most of the spread between loads.
     */
    @Setup(Level.Iteration)
    public void collect() {
        System.gc();
    }

    @TearDown(Level.Trial)
    public void report() throws IOException {
        System.out.println();
        System.out.println("# agent statistics: " + FlipCostBenchmark.agentStatistics());
        try (Stream<Path> files = Files.walk(keyCorpus.getParent())) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }

    /**
     * The statickeys agent's own time in one corpus load, in milliseconds, reported by JMH beside the load
     * time as {@code agentMillis} and {@code agentTableMillis}; zero without the agent.
     */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class AgentTime {
        /** Time inside the agent's transformer during the load. */
        public double agentMillis;
        /** The part of {@link #agentMillis} spent reading the loader's site tables. */
        public double agentTableMillis;
        /**
         * {@link #agentMillis} in percent of the same load's time less {@link #agentMillis}: the agent's share
         * measured within one load, so a machine whose load drifts between runs does not move it.
         */
        public double agentPercent;

        @Setup(Level.Iteration)
        public void clear() {
            agentMillis = 0;
            agentTableMillis = 0;
            agentPercent = 0;
        }
    }

    /** Loads every class of the corpus in a fresh loader; returns how many loaded (some need absent optional jars). */
    @Benchmark
    public int loadCorpus(AgentTime time) throws IOException {
        Map<?, ?> before = AgentCounters.read();
        long start = System.nanoTime();
        int loaded = load();
        double millis = (System.nanoTime() - start) / 1e6;
        Map<?, ?> after = AgentCounters.read();
        time.agentMillis = AgentCounters.millisBetween(before, after, "transformNanos");
        time.agentTableMillis = AgentCounters.millisBetween(before, after, "tableReadNanos");
        time.agentPercent = 100 * time.agentMillis / (millis - time.agentMillis);
        return loaded;
    }

    private int load() throws IOException {
        int loaded = 0;
        try (URLClassLoader loader = new URLClassLoader("corpus", path, parent)) {
            for (String name : names) {
                try {
                    Class.forName(name, false, loader);
                    loaded++;
                } catch (ClassNotFoundException | LinkageError e) {
                    // a class needing a jar the corpus lacks: the same ones fail in every configuration
                }
            }
        }
        return loaded;
    }

    static List<String> classNames(Path jar) throws IOException {
        List<String> names = new ArrayList<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            for (Enumeration<JarEntry> entries = file.entries(); entries.hasMoreElements(); ) {
                String entry = entries.nextElement().getName();
                if (entry.endsWith(".class") && !entry.startsWith("META-INF/") && !entry.endsWith("module-info.class")) {
                    names.add(entry.substring(0, entry.length() - ".class".length()).replace('/', '.'));
                }
            }
        }
        return names;
    }

    private static List<String> keyCorpusNames() {
        List<String> names = new ArrayList<>();
        names.add("corpus.Keys");
        for (int i = 0; i < SITE_CLASSES; i++) {
            names.add("corpus.Sites" + i);
        }
        for (int i = 0; i < USER_CLASSES; i++) {
            names.add("corpus.Admin" + i);
        }
        return names;
    }

    /** Writes and compiles the key-using classes with the statickeys processor; returns the class directory. */
    private static Path compileKeyCorpus() throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new IllegalStateException("the class-load benchmark compiles its key corpus with javac;"
                    + " this JVM (" + System.getProperty("java.home") + ") has no compiler: run it on a JDK");
        }
        Path root = Files.createTempDirectory("statickeys-load-corpus");
        Path sources = Files.createDirectories(root.resolve("src/corpus"));
        Path classes = Files.createDirectories(root.resolve("classes"));
        List<String> files = new ArrayList<>();
        StringBuilder keys = new StringBuilder("package corpus;\n\nimport dev.statickeys.StaticKey;\n\npublic final class Keys {\n");
        for (int k = 0; k < KEYS; k++) {
            keys.append("    public static final StaticKey K").append(k).append(" = StaticKey.defineFalse(\"corpus.k")
                    .append(k).append("\");\n");
        }
        files.add(write(sources.resolve("Keys.java"), keys.append("}\n").toString()));
        for (int i = 0; i < SITE_CLASSES; i++) {
            files.add(write(sources.resolve("Sites" + i + ".java"), """
                    package corpus;

                    public final class Sites%1$d {
                        public static int handle(int request) {
                            int result = request * 31;
                            if (Keys.K%2$d.isEnabled()) {
                                result += Integer.toString(request).length();
                            }
                            if (!Keys.K%3$d.isEnabled()) {
                                result ^= 0x5bd1e995;
                            }
                            return result;
                        }
                    }
                    """.formatted(i, i % KEYS, (i + 7) % KEYS)));
        }
        for (int i = 0; i < USER_CLASSES; i++) {
            files.add(write(sources.resolve("Admin" + i + ".java"), """
                    package corpus;

                    public final class Admin%1$d {
                        public static void turnOn() {
                            Keys.K%2$d.enable();
                        }
                    }
                    """.formatted(i, i % KEYS)));
        }
        String classPath = System.getProperty("java.class.path");
        List<String> options = new ArrayList<>(List.of("--release", "17", "-nowarn", "-d", classes.toString(),
                "-cp", classPath, "-processorpath", classPath, "-processor", "dev.statickeys.processor.KeyProcessor"));
        options.addAll(files);
        int status = javac.run(null, null, null, options.toArray(new String[0])); // diagnostics go to stderr
        if (status != 0 || !Files.isRegularFile(classes.resolve("META-INF/statickeys/sites"))) {
            throw new IllegalStateException("compiling the key corpus in " + root + " failed (javac status " + status
                    + ", site table " + (Files.isRegularFile(classes.resolve("META-INF/statickeys/sites")) ? "written" : "missing")
                    + ")");
        }
        return classes;
    }

    private static String write(Path file, String content) {
        try {
            Files.writeString(file, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file.toString();
    }
}
