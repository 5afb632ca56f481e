package dev.statickeys.it;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.statickeys.StaticKey;
import dev.statickeys.testing.Bytecode;
import dev.statickeys.testing.ForkedJvm;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * A real servlet container (issue 17): embedded Tomcat in a forked JVM under the agent (this execution's
 * backend) deploys a webapp whose classes define keys and hold sites, with the API in its
 * {@code WEB-INF/lib}, requests it, flips its keys through a servlet that calls the API, and undeploys it,
 * {@value #ROUNDS} times ({@link TomcatMain} does the rounds). Rounds alternate between a webapp compiled
 * with the statickeys processor (a site table in {@code WEB-INF/classes}) and one compiled without.
 *
 * <p>Checked: the sites of each deployment follow its keys (response bodies) and were patched (each
 * round's dumped {@code WebappSites} keeps no {@code isEnabled()} call); no round leaves a thread behind
 * and no thread keeps a webapp loader as its context loader; every webapp loader is collected at the end.
 */
class TomcatIT {
    static final int ROUNDS = 20;
    private static final String BACKEND = System.getProperty("it.statickeys.backend", "holder");
    private static final Path OUT = Path.of("target/tomcat-it-" + BACKEND).toAbsolutePath();
    private static final Path WEBAPP_SOURCES = Path.of("src/test/webapp");
    private static final long TIMEOUT_SECONDS = 600;

    @Test
    void twentyDeploymentsFollowTheirKeysAndLeaveNoLoaderOrThreadBehind() throws Exception {
        Path dump = OUT.resolve("dump");
        Path heapDump = OUT.resolve("leak.hprof");
        List<String> lines = runTomcat(List.of("-javaagent:" + ForkedJvm.agentJar() + "=backend=" + BACKEND
                + ",dump=" + dump), dump, heapDump);

        List<Integer> unpatched = new ArrayList<>();
        for (int round = 1; round <= ROUNDS; round++) {
            Path file = dump.resolve("rounds/" + round + "/dev/statickeys/webapp/WebappSites.class");
            if (Files.isRegularFile(file)) {
                Map<String, Integer> calls = Bytecode.of(file).isEnabledCallsByMethod();
                if (calls.values().stream().anyMatch(count -> count > 0)) {
                    unpatched.add(round);
                }
            }
        }
        assertAll(
                () -> assertEquals(List.of(), failures(lines, "sites"), "sites that did not follow their keys"),
                () -> assertEquals(List.of(), failures(lines, "dump"), "deployments whose classes were not dumped"),
                () -> assertEquals(List.of(), unpatched, "rounds whose WebappSites kept isEnabled() calls"),
                () -> assertEquals(List.of(), failures(lines, "threads"), "threads left behind"),
                () -> assertEquals(List.of(), failures(lines, "context-loader"), "threads pinning a webapp loader"),
                // A retained loader leaves a heap dump in target/tomcat-it-<backend>/leak.hprof; the retention path
                // found when this test was written (the deferred-key timer) is in docs/production-trust/peers.md.
                () -> assertEquals(List.of(), failures(lines, "collected"), "webapp loaders never collected"));
    }

    /**
     * The same rounds without the agent (the API alone, in each webapp): what is left behind here comes from
     * the API, not the agent. Run once, in the holder execution.
     */
    @Test
    void withoutTheAgentTheDeploymentsLeaveNoLoaderOrThreadBehindEither() throws Exception {
        assumeTrue(BACKEND.equals("holder"), "runs once, in the holder execution");
        List<String> lines = runTomcat(List.of(), null, OUT.resolve("leak-without-agent.hprof"));
        assertAll(
                () -> assertEquals(List.of(), failures(lines, "sites"), "sites that did not follow their keys"),
                () -> assertEquals(List.of(), failures(lines, "threads"), "threads left behind"),
                () -> assertEquals(List.of(), failures(lines, "context-loader"), "threads pinning a webapp loader"),
                () -> assertEquals(List.of(), failures(lines, "collected"), "webapp loaders never collected"));
    }

    private static List<String> runTomcat(List<String> agentOptions, Path dump, Path heapDump) throws Exception {
        List<Path> webapps = List.of(webapp("with-table", true), webapp("without-table", false));
        List<String> options = new ArrayList<>(agentOptions);
        options.add("-Xmx256m");
        List<String> args = new ArrayList<>(List.of(String.valueOf(ROUNDS), dump == null ? "-" : dump.toString(),
                heapDump.toString()));
        webapps.forEach(webapp -> args.add(webapp.toString()));
        ForkedJvm.Result result = ForkedJvm.runOnClassPath(options, hostClassPath(), TomcatMain.class.getName(),
                TIMEOUT_SECONDS, args.toArray(String[]::new));
        System.out.println("TomcatIT (" + (agentOptions.isEmpty() ? "no agent" : BACKEND) + "):\n" + result.stdout);
        assertEquals(0, result.exitCode, result.toString());
        List<String> lines = result.stdout.lines().collect(Collectors.toList());
        assertTrue(lines.contains("DONE"), result.toString());
        return lines;
    }

    private static List<String> failures(List<String> lines, String check) {
        return lines.stream().filter(line -> line.startsWith("FAIL " + check + " ")).collect(Collectors.toList());
    }

    /** This test's classes (for TomcatMain) and Tomcat's jars: no API, no agent classes. */
    private static List<Path> hostClassPath() throws URISyntaxException {
        List<Path> path = new ArrayList<>();
        path.add(Path.of(TomcatMain.class.getProtectionDomain().getCodeSource().getLocation().toURI()));
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String name = Path.of(entry).getFileName().toString();
            if (name.startsWith("tomcat-embed-core-") || name.startsWith("tomcat-annotations-api-")) {
                path.add(Path.of(entry));
            }
        }
        assertTrue(path.size() >= 2, "no Tomcat jar on the class path: " + path);
        return path;
    }

    /** A webapp directory: its classes compiled from src/test/webapp, with or without the processor, and the API jar in WEB-INF/lib. */
    private static Path webapp(String name, boolean siteTable) throws Exception {
        Path root = OUT.resolve(name);
        deleteRecursively(root);
        Path classes = Files.createDirectories(root.resolve("WEB-INF/classes"));
        Path apiJar = apiJar(Files.createDirectories(root.resolve("WEB-INF/lib")).resolve("statickeys-api.jar"));
        String classPath = apiJar + File.pathSeparator + servletApi();
        List<String> options = new ArrayList<>(List.of("--release", "17", "-d", classes.toString(), "-cp", classPath,
                "-implicit:none"));
        // The processor path as users give it: the processor jar and the api jar it depends on.
        String processorPath = System.getProperty("it.statickeys.processorJar") + File.pathSeparator + apiJar;
        options.addAll(siteTable ? List.of("-proc:full", "-processorpath", processorPath) : List.of("-proc:none"));
        javac(options, WEBAPP_SOURCES);
        boolean table = Files.exists(classes.resolve("META-INF/statickeys/sites"));
        assertEquals(siteTable, table, name + ": site table in WEB-INF/classes");
        return root;
    }

    private static String servletApi() {
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (Path.of(entry).getFileName().toString().startsWith("tomcat-embed-core-")) {
                return entry;
            }
        }
        throw new AssertionError("tomcat-embed-core is not on the class path");
    }

    /** The API as users ship it: its jar, or (in a build that stopped before packaging it) its classes jarred here. */
    private static Path apiJar(Path target) throws Exception {
        Path location = Path.of(StaticKey.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        if (Files.isRegularFile(location)) {
            return Files.copy(location, target);
        }
        try (OutputStream file = Files.newOutputStream(target); JarOutputStream jar = new JarOutputStream(file);
                Stream<Path> files = Files.walk(location)) {
            for (Path entry : files.filter(Files::isRegularFile).sorted().collect(Collectors.toList())) {
                jar.putNextEntry(new JarEntry(location.relativize(entry).toString().replace(File.separatorChar, '/')));
                jar.write(Files.readAllBytes(entry));
                jar.closeEntry();
            }
        }
        return target;
    }

    private static void javac(List<String> options, Path sources) throws IOException {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = compiler.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8);
                Stream<Path> walk = Files.walk(sources)) {
            List<Path> javaFiles = walk.filter(file -> file.toString().endsWith(".java")).sorted().collect(Collectors.toList());
            boolean compiled = compiler.getTask(null, files, diagnostics, options, null,
                    files.getJavaFileObjectsFromPaths(javaFiles)).call();
            assertTrue(compiled, () -> "the webapp does not compile:\n" + diagnostics.getDiagnostics().stream()
                    .filter(d -> d.getKind() == Diagnostic.Kind.ERROR).map(Object::toString)
                    .collect(Collectors.joining("\n")));
        }
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
                try {
                    Files.delete(file);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }
}
