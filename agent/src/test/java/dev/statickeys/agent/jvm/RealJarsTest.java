package dev.statickeys.agent.jvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.statickeys.agent.boot.ApiMention;
import dev.statickeys.agent.boot.KeyTypeFilter;
import dev.statickeys.agent.jvm.SiteForm;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every class of 25 widely used jars (copied to {@code target/real-jars} by the build) through the
 * transformer, as the JVM would hand them to it: none has sites, so each must come back untouched
 * ({@code null} or its own bytes), and nothing may throw. The scanner also reads every class, past the
 * constant-pool prefilter ({@link KeyTypeFilter}), so real-world bytecode is parsed even though the
 * prefilter would spare it; the prefilter must read every real class file's pool to its end.
 * Writes {@code target/real-jars-report.md} with the prefilter's false positives per jar.
 */
class RealJarsTest {
    private static final Path JARS = Path.of("target", "real-jars");
    private static final byte[] KEY_TYPE = ApiNames.TYPE_STATIC_KEY.getBytes(StandardCharsets.UTF_8);

    private final SiteTransformer transformer = new TransformerParts().transformer(SiteForm.INLINE, null,
            true, null);

    /** What one jar gave. */
    private record Outcome(String jar, int classes, int prefilterHits, List<String> problems) {}

    @Test
    void everyClassOfTwentyFiveRealJarsComesBackUntouched() throws IOException {
        List<Path> jars;
        try (Stream<Path> files = Files.list(JARS)) {
            jars = files.filter(f -> f.toString().endsWith(".jar")).sorted().toList();
        }
        assertTrue(jars.size() >= 20, "expected the build to copy at least 20 jars to " + JARS.toAbsolutePath()
                + " (mvn process-test-resources); found " + jars.size());
        List<Outcome> outcomes = new ArrayList<>();
        for (Path jar : jars) {
            outcomes.add(run(jar));
        }
        Files.writeString(JARS.resolveSibling("real-jars-report.md"), report(outcomes));
        List<String> problems = outcomes.stream().flatMap(o -> o.problems().stream()).toList();
        assertEquals(List.of(), problems.subList(0, Math.min(20, problems.size())), problems.size() + " problems");
    }

    private Outcome run(Path jar) throws IOException {
        int classes = 0;
        int hits = 0;
        List<String> problems = new ArrayList<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            for (Enumeration<JarEntry> entries = file.entries(); entries.hasMoreElements(); ) {
                JarEntry entry = entries.nextElement();
                String name = entry.getName();
                if (!name.endsWith(".class") || name.endsWith("module-info.class")) {
                    continue;
                }
                byte[] bytes;
                try (InputStream in = file.getInputStream(entry)) {
                    bytes = in.readAllBytes();
                }
                classes++;
                hits += ApiMention.in(className(name), bytes) ? 1 : 0;
                if (KeyTypeFilter.poolNames(bytes, KEY_TYPE) == KeyTypeFilter.UNREADABLE) {
                    problems.add(jar.getFileName() + "!" + name + ": the constant pool walk could not read it");
                }
                String problem = check(className(name), bytes);
                if (problem != null) {
                    problems.add(jar.getFileName() + "!" + name + ": " + problem);
                }
            }
        }
        return new Outcome(jar.getFileName().toString(), classes, hits, problems);
    }

    /** Null when the class passes: untouched by the transformer, parsed by the scanner without sites. */
    private String check(String className, byte[] bytes) {
        byte[] copy = bytes.clone();
        try {
            byte[] out = transformer.transform(getClass().getClassLoader(), className, null, null, copy);
            if (out != null && !Arrays.equals(out, bytes)) {
                return "the transformer changed a class without sites";
            }
            if (!Arrays.equals(copy, bytes)) {
                return "the transformer wrote into the buffer it was given";
            }
            if (ClassScan.of(bytes).hasSites()) {
                return "the scanner found a site";
            }
            return null;
        } catch (RuntimeException | LinkageError e) {
            return "threw " + e;
        }
    }

    /** The internal name of a class file entry, multi-release versions included. */
    private static String className(String entry) {
        String name = entry.substring(0, entry.length() - ".class".length());
        return name.startsWith("META-INF/versions/") ? name.substring(name.indexOf('/', "META-INF/versions/".length()) + 1)
                : name;
    }

    private static String report(List<Outcome> outcomes) {
        StringBuilder out = new StringBuilder("# Real jars through the statickeys transformer\n\n"
                + "Every class file (module-info excepted) of each jar, handed to the transformer as the JVM would and"
                + " parsed by the scanner. A prefilter hit is a class whose constant pool names `dev/statickeys/StaticKey`;"
                + " none of these jars uses statickeys, so every hit is a false positive.\n\n"
                + "| jar | classes | prefilter hits | problems |\n|---|---:|---:|---:|\n");
        int classes = 0;
        int hits = 0;
        int problems = 0;
        for (Outcome o : outcomes) {
            out.append(String.format(Locale.ROOT, "| %s | %d | %d | %d |%n", o.jar(), o.classes(), o.prefilterHits(),
                    o.problems().size()));
            classes += o.classes();
            hits += o.prefilterHits();
            problems += o.problems().size();
        }
        out.append(String.format(Locale.ROOT, "| **%d jars** | **%d** | **%d** (false-positive rate %.4f%%) | **%d** |%n",
                outcomes.size(), classes, hits, 100.0 * hits / Math.max(1, classes), problems));
        return out.toString();
    }
}
