package dev.statickeys.agent.jvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.statickeys.agent.jvm.SiteForm;
import dev.statickeys.fixtures.Shapes;
import dev.statickeys.testing.FreshLoader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Malformed and adversarial class files through the transformer, as the JVM would hand them to it: each
 * is passed through untouched ({@code null}) or, if it still parses, patched; none may throw out of
 * {@code transform} or hang. The cases tried and their outcomes are written to
 * {@code target/hostile-input/class-files.md}.
 */
class HostileClassFilesTest {
    private static final String CLASS = Shapes.class.getName().replace('.', '/');
    private static final byte[] ORIGINAL = FreshLoader.classFile(HostileClassFilesTest.class.getClassLoader(),
            Shapes.class.getName());

    private final SiteTransformer transformer = new TransformerParts().transformer(SiteForm.INLINE, null,
            true, null);

    /** The cases, by name: each a whole class file the JVM might hand over. */
    private static Map<String, byte[]> cases() {
        Map<String, byte[]> cases = new LinkedHashMap<>();
        cases.put("the unmodified class (control)", ORIGINAL.clone());
        cases.put("empty", new byte[0]);
        cases.put("magic only", Arrays.copyOf(ORIGINAL, 4));
        byte[] magic = ORIGINAL.clone();
        magic[0] = 0;
        cases.put("wrong magic", magic);
        for (int tenth = 1; tenth < 10; tenth++) {
            cases.put("truncated to " + tenth + "0%", Arrays.copyOf(ORIGINAL, ORIGINAL.length * tenth / 10));
        }
        cases.put("truncated by one byte", Arrays.copyOf(ORIGINAL, ORIGINAL.length - 1));
        cases.put("constant pool count 65535", withShort(8, 0xFFFF));
        cases.put("constant pool count 0", withShort(8, 0));
        cases.put("constant pool count 1", withShort(8, 1));
        cases.put("major version 65535", withShort(6, 0xFFFF));
        cases.put("major version 44 (before Java 1.0.2's 45)", withShort(6, 44));
        cases.put("trailing garbage", concat(ORIGINAL, "junk".getBytes(StandardCharsets.UTF_8)));
        Random random = new Random(8);
        for (int i = 0; i < 300; i++) {
            byte[] flipped = ORIGINAL.clone();
            int at = random.nextInt(flipped.length);
            flipped[at] ^= (byte) (1 + random.nextInt(255));
            cases.put("one byte changed at offset " + at + " (seeded variant " + i + ")", flipped);
        }
        byte[] type = "dev/statickeys/StaticKey".getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < 20; i++) {
            byte[] garbage = new byte[64 + random.nextInt(4096)];
            random.nextBytes(garbage);
            System.arraycopy(type, 0, garbage, random.nextInt(garbage.length - type.length), type.length);
            cases.put("random bytes containing the StaticKey type name (variant " + i + ")", garbage);
        }
        return cases;
    }

    @Test
    void everyHostileClassFileIsPassedThroughOrPatchedAndNothingThrows() throws IOException {
        Map<String, String> outcomes = new LinkedHashMap<>();
        List<String> escaped = new ArrayList<>();
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (Map.Entry<String, byte[]> hostile : cases().entrySet()) {
                byte[] input = hostile.getValue();
                byte[] given = input.clone();
                try {
                    byte[] out = transformer.transform(getClass().getClassLoader(), CLASS, null, null, given);
                    outcomes.put(hostile.getKey(), input.length + " bytes: " + outcome(out, input, given));
                } catch (Throwable e) {
                    escaped.add(hostile.getKey() + ": " + e);
                    outcomes.put(hostile.getKey(), input.length + " bytes: THREW " + e);
                }
            }
        });
        Files.createDirectories(Path.of("target", "hostile-input"));
        Files.writeString(Path.of("target", "hostile-input", "class-files.md"), report(outcomes));
        assertEquals(List.of(), escaped);
        List<String> wrote = outcomes.entrySet().stream().filter(e -> e.getValue().contains("WROTE"))
                .map(Map.Entry::getKey).toList();
        assertEquals(List.of(), wrote, "the transformer must not change the buffer the JVM hands it");
        assertEquals("patched", outcomes.get("the unmodified class (control)").replaceAll("^\\d+ bytes: ", ""));
        // The JVM rejects these; a patched copy written by ASM would be valid.
        assertEquals("passed through (null)", outcomes.get("wrong magic").replaceAll("^\\d+ bytes: ", ""));
    }

    private static String outcome(byte[] out, byte[] input, byte[] given) {
        if (!Arrays.equals(given, input)) {
            return "WROTE INTO THE JVM'S BUFFER";
        }
        if (out == null) {
            return "passed through (null)";
        }
        return Arrays.equals(out, input) ? "returned unchanged" : "patched";
    }

    private static String report(Map<String, String> outcomes) {
        Map<String, Integer> tally = new LinkedHashMap<>();
        outcomes.values().forEach(o -> tally.merge(o.replaceAll("^\\d+ bytes: ", ""), 1, Integer::sum));
        StringBuilder out = new StringBuilder("# Hostile class files through the statickeys transformer\n\n"
                + "Variants of " + Shapes.class.getName() + " (" + ORIGINAL.length + " bytes, many sites) handed to"
                + " `SiteTransformer.transform` as the JVM would hand them. \"passed through\" leaves the bytes to the"
                + " JVM, which rejects a malformed class exactly as it would without the agent; \"patched\" means the"
                + " bytes still parsed and the sites were patched. A class with a wrong magic number is passed through"
                + " unparsed. Other damage that ASM tolerates but the JVM does not (trailing bytes, some changed"
                + " bytes) is patched: ASM writes a well-formed class from it, which the JVM may then accept where it"
                + " would have rejected the original.\n\n");
        tally.forEach((outcome, count) -> out.append(String.format(Locale.ROOT, "- %s: %d%n", outcome, count)));
        out.append("\n| case | outcome |\n|---|---|\n");
        outcomes.forEach((name, outcome) -> out.append("| ").append(name).append(" | ").append(outcome).append(" |\n"));
        return out.toString();
    }

    private static byte[] withShort(int offset, int value) {
        byte[] bytes = ORIGINAL.clone();
        bytes[offset] = (byte) (value >>> 8);
        bytes[offset + 1] = (byte) value;
        return bytes;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
