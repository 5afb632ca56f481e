package dev.statickeys.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.statickeys.StaticKey;
import dev.statickeys.agent.boot.Bridge;
import dev.statickeys.testing.ForkedJvm;
import dev.statickeys.testing.FreshLoader;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The isolation promise, in this JVM (started with -javaagent on the built jar, each backend): application
 * code in a class loader of its own ({@link HostileLibrary}) cannot reach the agent's Instrumentation from
 * anything visible, cannot load the agent's classes by name, cannot open them, and cannot start a second
 * agent through the entry points.
 */
class IsolationIT {
    static final StaticKey KEY = StaticKey.defineFalse("isolation.key");
    private static final String PREFIX = "statickeys-agent-core/";

    /** A site, so that the key has a holder (holder backend) and a patched class. */
    static final class Sites {
        private Sites() {}

        static boolean site() {
            return KEY.isEnabled() ? true : false;
        }
    }

    private static Class<?> hostile() throws ClassNotFoundException {
        Set<String> own = Set.of(HostileLibrary.class.getName(), "dev.statickeys.testing.Reachability",
                "dev.statickeys.testing.Reachability$Step", "dev.statickeys.testing.Reachability$Refusal");
        return Class.forName(HostileLibrary.class.getName(), true, new FreshLoader("hostile", IsolationIT.class.getClassLoader(), own));
    }

    private static Object call(String method, Object... args) throws Exception {
        Class<?> library = hostile();
        assertEquals("hostile", library.getClassLoader().getName());
        for (Method candidate : library.getMethods()) {
            if (candidate.getName().equals(method)) {
                return candidate.invoke(null, args);
            }
        }
        throw new AssertionError("no " + method);
    }

    /** Every class the agent jar keeps under its isolated prefix, as class names. */
    private static List<String> coreClassNames() throws IOException {
        try (JarFile jar = new JarFile(ForkedJvm.agentJar().toFile())) {
            return jar.stream().map(JarEntry::getName)
                    .filter(name -> name.startsWith(PREFIX) && name.endsWith(".class"))
                    .map(name -> name.substring(PREFIX.length(), name.length() - ".class".length()).replace('/', '.'))
                    .filter(name -> !name.endsWith("module-info"))
                    .sorted().collect(Collectors.toList());
        }
    }

    /** The API's classes, from its jar or class directory. */
    private static List<String> apiClassNames() throws IOException, URISyntaxException {
        Path api = Path.of(StaticKey.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> names = new ArrayList<>();
        if (Files.isDirectory(api)) {
            try (Stream<Path> files = Files.walk(api)) {
                files.filter(file -> file.toString().endsWith(".class")).sorted(Comparator.naturalOrder())
                        .forEach(file -> names.add(api.relativize(file).toString().replace('/', '.')));
            }
        } else {
            try (JarFile jar = new JarFile(api.toFile())) {
                jar.stream().map(JarEntry::getName).filter(name -> name.endsWith(".class")).forEach(names::add);
            }
        }
        return names.stream().map(name -> name.replace('/', '.').substring(0, name.length() - ".class".length()))
                .filter(name -> !name.endsWith("module-info")).sorted().collect(Collectors.toList());
    }

    /**
     * The jar holds only what a production JVM runs: the visible boot classes and the anchor, and, under
     * the isolated prefix, the agent's packages with ASM and the core relocated. The x86 simulation is a
     * module of its own (statickeys-x86-simulation), never part of the agent.
     */
    @Test
    void theJarHoldsOnlyWhatAProductionJvmRuns() throws IOException {
        Set<String> packages = new TreeSet<>();
        try (JarFile jar = new JarFile(ForkedJvm.agentJar().toFile())) {
            jar.stream().map(JarEntry::getName).filter(name -> name.endsWith(".class"))
                    .map(name -> name.substring(0, name.lastIndexOf('/')))
                    .map(folder -> folder.replaceFirst("^(" + PREFIX + "dev/statickeys/agent/shaded/(asm|core)).*", "$1"))
                    .forEach(packages::add);
        }
        assertEquals(new TreeSet<>(List.of("dev/statickeys/agent/boot", "dev/statickeys/holders",
                PREFIX + "dev/statickeys/agent", PREFIX + "dev/statickeys/agent/jvm", PREFIX + "dev/statickeys/agent/ops",
                PREFIX + "dev/statickeys/agent/shaded/asm", PREFIX + "dev/statickeys/agent/shaded/core",
                PREFIX + "dev/statickeys/agent/shaded/siterule",
                PREFIX + "dev/statickeys/agent/table", PREFIX + "dev/statickeys/agent/tool")), packages);
    }

    /**
     * Class files are stored, not deflated: the first class with a site loads about 140 of them, and inflating
     * them took 13 to 16 ms of that start (docs/benchmarks/startup-profile.md).
     */
    @Test
    void theJarsClassFilesAreStoredNotDeflated() throws IOException {
        List<String> deflated = new ArrayList<>();
        try (JarFile jar = new JarFile(ForkedJvm.agentJar().toFile())) {
            jar.stream().filter(entry -> entry.getName().endsWith(".class") && entry.getMethod() != ZipEntry.STORED)
                    .forEach(entry -> deflated.add(entry.getName()));
        }
        assertEquals(List.of(), deflated);
    }

    @Test
    void nothingReachableFromTheVisibleClassesHoldsTheInstrumentation() throws Exception {
        Sites.site();
        KEY.enable();
        assertTrue(Sites.site());
        KEY.disable();
        List<String> roots = new ArrayList<>(List.of("dev.statickeys.agent.boot.Trampoline",
                "dev.statickeys.agent.boot.CoreLayer", "dev.statickeys.agent.boot.Bridge",
                "dev.statickeys.holders.Anchor"));
        if ("holder".equals(System.getProperty("it.statickeys.backend"))) {
            roots.add("dev.statickeys.holders.Key$isolation$key");
        }
        roots.addAll(apiClassNames());
        @SuppressWarnings("unchecked")
        Map<String, Object> walk = (Map<String, Object>) call("walk", roots);
        System.out.println("IsolationIT walk [" + System.getProperty("it.statickeys.backend") + "]: " + walk.get("visited")
                + " objects and classes visited, " + walk.get("refused") + " refusals, in the agent's module: " + walk.get("refusedInCore"));
        assertEquals(List.of(), walk.get("found"), "paths to an Instrumentation");
        assertEquals(false, walk.get("truncated"), "the walk hit its limit");
        // The walk did reach the agent's module (through Bridge's capabilities and the trampoline's entry), and
        // stopped there because the JVM refused, not because it missed it.
        @SuppressWarnings("unchecked")
        List<String> inCore = (List<String>) walk.get("refusedInCore");
        // A key's count reader is a lambda of the agent's module: the walk reaches it and is refused there.
        assertTrue(inCore.stream().anyMatch(refusal -> refusal.contains("dev.statickeys.agent.shaded.core.KeyRecord")),
                inCore.toString());
    }

    @Test
    void theCoreClassesCannotBeLoadedByName() throws Exception {
        List<String> core = coreClassNames();
        assertTrue(core.contains("dev.statickeys.agent.Agent") && core.contains("dev.statickeys.agent.jvm.JvmBackend")
                && core.stream().anyMatch(name -> name.startsWith("dev.statickeys.agent.shaded.asm.")), core.toString());
        assertEquals(List.of(), call("loadableByName", core));
    }

    @Test
    void setAccessibleOnTheCoreIsRefusedHoweverItsClassesAreReached() throws Exception {
        @SuppressWarnings("unchecked")
        List<String> outcomes = (List<String>) call("openCoreClasses",
                List.of("dev.statickeys.agent.Agent", "dev.statickeys.agent.jvm.JvmBackend", "dev.statickeys.agent.Capabilities",
                        // The start path's named classes (no lambdas there): a public static task, the count's
                        // reader the API holds, the thread and map helpers of the relocated core.
                        "dev.statickeys.agent.Reports", "dev.statickeys.agent.Reports$Task",
                        "dev.statickeys.agent.ops.JmxRegistration$Watcher", "dev.statickeys.agent.jvm.JvmBackend$Repatcher",
                        "dev.statickeys.agent.jvm.ClassScan$SiteFound", "dev.statickeys.agent.shaded.core.KeyRecord$Reader",
                        "dev.statickeys.agent.shaded.core.DaemonThreads$Create",
                        "dev.statickeys.agent.shaded.core.ConcurrentMaps"));
        assertEquals(List.of(), outcomes.stream().filter(line -> line.startsWith("ALLOWED")).toList(), String.join("\n", outcomes));
        assertTrue(outcomes.contains("dev.statickeys.agent.Entry in module dev.statickeys.agent: reached"), String.join("\n", outcomes));
        assertTrue(outcomes.contains("dev.statickeys.agent.Capabilities in module dev.statickeys.agent: reached"), String.join("\n", outcomes));
        assertTrue(outcomes.stream().anyMatch(line -> line.startsWith("refused setAccessible on ")
                && line.contains("dev.statickeys.agent.Capabilities.control")), String.join("\n", outcomes));
        assertTrue(outcomes.stream().anyMatch(line -> line.startsWith("refused setAccessible on ")
                && line.contains("java.lang.instrument.Instrumentation dev.statickeys.agent.jvm.JvmBackend.")), String.join("\n", outcomes));
        assertTrue(outcomes.stream().anyMatch(line -> line.startsWith("refused setAccessible on ")
                && line.contains("dev.statickeys.agent.Reports.LOGGING_STARTED")), String.join("\n", outcomes));
        assertTrue(outcomes.stream().anyMatch(line -> line.startsWith("refused setAccessible on ")
                && line.contains("dev.statickeys.agent.shaded.core.KeyRecord$Reader.count")), String.join("\n", outcomes));
        assertTrue(outcomes.contains("refused addOpens dev.statickeys.agent.shaded.core"), String.join("\n", outcomes));
    }

    @Test
    void callingTheEntryPointsWithoutTheJvmsInstrumentationStartsNothing() throws Exception {
        Map<String, Long> before = Bridge.statistics();
        @SuppressWarnings("unchecked")
        List<String> outcomes = (List<String>) call("callEntryPoints");
        String all = String.join("\n", outcomes);
        assertTrue(outcomes.contains("premain(null) returned"), all);
        assertTrue(outcomes.contains("premain(fake) returned"), all);
        assertTrue(outcomes.stream().anyMatch(line -> line.startsWith("agentmain(null) threw java.lang.IllegalArgumentException")), all);
        assertTrue(outcomes.stream().anyMatch(line -> line.startsWith("agentmain(fake) threw java.lang.IllegalArgumentException")), all);
        assertTrue(outcomes.stream().anyMatch(line -> line.startsWith("dev.statickeys.agent.Entry.apply(premain, fake) threw "
                + "java.lang.IllegalArgumentException: statickeys agent: not the JVM's Instrumentation")), all);
        assertTrue(outcomes.stream().anyMatch(line -> line.startsWith("dev.statickeys.agent.Entry.apply(premain, null) threw")), all);
        assertTrue(outcomes.contains("fake calls 0"), all);
        // The installed agent goes on as before: same backend, flips still patch.
        assertEquals(System.getProperty("it.statickeys.backend").toUpperCase(java.util.Locale.ROOT), Bridge.backend());
        KEY.enable();
        assertTrue(Sites.site());
        KEY.disable();
        assertFalse(Sites.site());
        assertTrue(Bridge.statistics().get("patchOperations") > before.get("patchOperations"));
    }

    /**
     * The trampoline in a jar without the isolated classes (the build's -classes jar, every class at its own
     * path): premain says in one line that the agent did not start and the JVM goes on; the tools exit 1.
     */
    @Test
    void aJarWithoutTheIsolatedClassesStartsNoAgentAndSaysSoInOneLine() throws Exception {
        Path classesJar = classesJar();
        ForkedJvm.Result result = ForkedJvm.runJar(classesJar, 60, List.of("-javaagent:" + classesJar), "help");
        String expected = "statickeys agent: not started: " + classesJar + " has no classes under " + PREFIX
                + "; expected the statickeys agent jar as the build makes it";
        assertEquals(1, result.exitCode, result.toString());
        assertEquals(List.of(expected + "; the JVM goes on without it", expected), result.stderr.lines().toList(),
                result.toString());
    }

    /**
     * The JVM loads the trampoline by name, so a copy of the visible classes earlier on the class path (here the
     * build's -classes jar) is the one it runs; that copy finds the -javaagent jar's isolated classes and starts.
     */
    @Test
    void anotherCopyOfTheVisibleClassesFirstOnTheClassPathStillStartsTheAgent() throws Exception {
        ForkedJvm.Result result = ForkedJvm.run(List.of("-javaagent:" + ForkedJvm.agentJar()), List.of(classesJar()),
                TableStatsMain.class.getName(), 60);
        assertEquals(0, result.exitCode, result.toString());
        assertTrue(result.stdout.contains("statistics: {patchOperations="), result.toString());
        assertFalse(result.stderr.contains("not started"), result.toString());
    }

    private static Path classesJar() {
        String agent = ForkedJvm.agentJar().toString();
        Path jar = Path.of(agent.substring(0, agent.length() - ".jar".length()) + "-classes.jar");
        assertTrue(Files.isRegularFile(jar), jar + " (attached by the build)");
        return jar;
    }

    @Test
    void theFormerlyPublicEntryPointsAreGoneOrKeepTheApisRules() throws Exception {
        Sites.site();
        @SuppressWarnings("unchecked")
        List<String> outcomes = (List<String>) call("formerEntryPoints", List.of(KEY.name()));
        String all = String.join("\n", outcomes);
        for (String expected : List.of(
                "Bridge has no lock", "Bridge has no cell", "Bridge has no sync",
                "Anchor has no callSite", "Linkage has no install", "Presets has no install",
                "Bridge.define refused an invalid name: IllegalArgumentException",
                "Bridge.update refused operation SET: IllegalArgumentException",
                "Bridge.update DISABLE at count 2 refused: IllegalStateException",
                "count after the refusals: 2",
                "Anchor.reader of an unknown key refused: IllegalArgumentException",
                "Linkage.classInitialized(String) did nothing",
                "Bridge.preset of an invalid name refused: IllegalArgumentException",
                "Trampoline.capabilities after start: {}",
                "knownNames all follow the rule: true")) {
            assertTrue(outcomes.contains(expected), expected + " is missing from:\n" + all);
        }
        assertEquals(0, KEY.count());
    }
}
