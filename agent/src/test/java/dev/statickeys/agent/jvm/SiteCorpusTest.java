package dev.statickeys.agent.jvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.statickeys.StaticKey;
import dev.statickeys.agent.jvm.SiteForm;
import dev.statickeys.testing.Bytecode;
import dev.statickeys.testing.FreshLoader;
import dev.statickeys.testing.SiteCorpus;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * The site-shape corpus through the transformer in-process: for every corpus class, both site forms
 * and every combination of its keys' states, the patched classes load (the JVM verifies every class of
 * the nest) and every method's outcome equals the unpatched class's for the same states. The agent
 * path is {@code SiteCorpusIT}. Writes {@code target/site-corpus-report.md}.
 */
class SiteCorpusTest {
    private static final ClassLoader LOADER = SiteCorpusTest.class.getClassLoader();
    private static final Path OUT = Path.of("target/site-corpus");
    private static final List<String> REPORT = new ArrayList<>();

    @TestFactory
    Stream<DynamicTest> everyClassAtEveryReleaseMatchesTheUnpatchedClassInEveryState() {
        REPORT.add("| release | class | classes in nest | sites | keys | state combinations | methods | inline | holder |");
        REPORT.add("|---|---|---|---|---|---|---|---|---|");
        return SiteCorpus.releases().stream().flatMap(release -> {
            SiteCorpus.Build build = SiteCorpus.compile(release, OUT.resolve("release-" + release));
            return build.topLevel().stream().map(name -> DynamicTest.dynamicTest(
                    "release " + release + ": " + name.substring(name.lastIndexOf('.') + 1), () -> check(build, name)));
        });
    }

    @TestFactory
    Stream<DynamicTest> theGeneratedMethodsAreAsLargeAsTheyClaim() {
        return SiteCorpus.releases().stream().map(release -> DynamicTest.dynamicTest("release " + release, () -> {
            byte[] large = SiteCorpus.compile(release, OUT.resolve("release-" + release)).classFiles
                    .get("dev.statickeys.corpus.Large");
            int manySites = SiteCorpus.codeLength(large, "manySites");
            assertTrue(manySites > 60_000 && manySites < 65_536, "manySites: " + manySites + " bytes of code");
            // A block longer than a 16-bit offset: javac jumps past it with goto_w (seen with javap -c).
            assertTrue(SiteCorpus.codeLength(large, "hugeBlock") > 32_767, "hugeBlock");
        }));
    }

    @AfterAll
    static void writeReport() throws IOException {
        List<String> lines = new ArrayList<>(List.of("# Site-shape corpus: patched versus unpatched",
                "", "Written by SiteCorpusTest on JDK " + Runtime.version() + ". Each row: the class and every class nested"
                        + " in it, patched by the transformer in both site forms for every combination of the states of"
                        + " its keys, loaded (verified) and run; every method's outcome equal to the unpatched class's.",
                ""));
        lines.addAll(REPORT);
        Files.write(Path.of("target/site-corpus-report.md"), lines, StandardCharsets.UTF_8);
    }

    private void check(SiteCorpus.Build build, String topLevel) throws Exception {
        // Other corpus classes a nest uses (an interface it implements) come unpatched from here.
        FreshLoader corpus = new FreshLoader(LOADER, build.classFiles.keySet(), build.classFiles);
        List<StaticKey> keys = SiteCorpus.keysOf(build.load(corpus, topLevel, Map.of()).loadClass(topLevel));
        int sites = 0;
        for (String name : build.nest(topLevel)) {
            sites += new Bytecode(build.classFiles.get(name)).isEnabledCallsByMethod().values().stream()
                    .mapToInt(Integer::intValue).sum();
        }
        int methods = 0;
        for (int states = 0; states < 1 << keys.size(); states++) {
            SiteCorpus.set(keys, states);
            Map<String, String> expected = outcomes(build.load(corpus, topLevel, Map.of()), topLevel);
            methods = expected.size();
            for (SiteForm form : List.of(SiteForm.INLINE, SiteForm.HOLDER)) {
                Map<String, String> actual = outcomes(patchedCopy(build, corpus, topLevel, form, keys), topLevel);
                assertEquals(expected, actual, form + " " + topLevel + " at release " + build.release + " with "
                        + SiteCorpus.describe(keys, states));
            }
        }
        SiteCorpus.set(keys, SiteCorpus.defaults(keys));
        REPORT.add(String.format("| %d | %s | %d | %d | %d | %d | %d | equal | equal |", build.release,
                topLevel.substring(topLevel.lastIndexOf('.') + 1), build.nest(topLevel).size(), sites, keys.size(),
                1 << keys.size(), methods));
    }

    /** The outcome of every corpus method of {@code topLevel} in {@code copy}, after verifying every class of it. */
    private static Map<String, String> outcomes(FreshLoader copy, String topLevel) throws ClassNotFoundException {
        Class<?> type = copy.loadClass(topLevel);
        Map<String, String> outcomes = new LinkedHashMap<>();
        for (Method method : SiteCorpus.methodsOf(type)) {
            outcomes.put(method.getName(), SiteCorpus.outcome(method));
        }
        return outcomes;
    }

    /**
     * A copy of the nest patched in {@code form} for the keys' current states, every class of it loaded and
     * linked, which verifies it. The transformer gets a fresh core and fresh holders each time.
     */
    private static FreshLoader patchedCopy(SiteCorpus.Build build, ClassLoader corpus, String topLevel, SiteForm form,
            List<StaticKey> keys) throws Exception {
        PatchingRig rig = new PatchingRig(corpus, form, keys);
        FreshLoader holderLoader = rig.holderLoader;
        Map<String, byte[]> patched = new LinkedHashMap<>();
        FreshLoader copy = build.load(holderLoader, topLevel, patched);
        for (String name : build.nest(topLevel)) {
            byte[] bytes = rig.patch(copy, name, build.classFiles.get(name));
            if (SiteCorpus.hasPatchableSites(build.classFiles.get(name))) {
                assertTrue(bytes != null, form + ": " + name + " has sites but was not patched");
            }
            if (bytes != null) {
                patched.put(name, bytes);
                assertNoPatchableCallLeft(name, bytes, form);
            }
        }
        copy = build.load(holderLoader, topLevel, patched);
        for (String name : build.nest(topLevel)) {
            Class.forName(name, true, copy); // initializing links, so verifies, every class of the nest
        }
        return copy;
    }

    private static void assertNoPatchableCallLeft(String className, byte[] bytes, SiteForm form) {
        ClassNode node = new ClassNode();
        new ClassReader(bytes).accept(node, 0);
        new Bytecode(bytes).isEnabledCallsByMethod().forEach((method, calls) -> assertTrue(
                calls == 0 || SiteCorpus.mayKeepCalls(method),
                form + ": " + calls + " isEnabled() calls left in " + className + "." + method));
        for (MethodNode method : node.methods) {
            assertTrue(method.instructions.size() > 0 || (method.access & (org.objectweb.asm.Opcodes.ACC_ABSTRACT
                    | org.objectweb.asm.Opcodes.ACC_NATIVE)) != 0, className + "." + method.name + " lost its code");
        }
    }
}
