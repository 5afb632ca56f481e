package dev.statickeys.processor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The site table written by real {@code javac} runs with the processor. */
class SiteTableTest {
    @TempDir
    Path temp;

    private static final Map<String, String> SOURCES = Map.of(
            "p/Keys.java", String.join("\n",
                    "package p;",
                    "import dev.statickeys.KeyInfo;",
                    "import dev.statickeys.StaticKey;",
                    "public final class Keys {",
                    "    @KeyInfo(description = \"traces\\tall\", owner = \"edge\")",
                    "    public static final StaticKey TRACING = StaticKey.defineFalse(\"p.tracing\");",
                    "    public static final StaticKey FAST = StaticKey.defineTrue(\"p.fast\");",
                    "}"),
            "p/Sites.java", String.join("\n",
                    "package p;",
                    "public final class Sites {",
                    "    static int branch(int x) {",
                    "        if (Keys.TRACING.isEnabled()) {",
                    "            x++;",
                    "        }",
                    "        if (!Keys.FAST.isEnabled()) {",
                    "            x--;",
                    "        }",
                    "        return x;",
                    "    }",
                    "    static boolean value() {",
                    "        return Keys.FAST.isEnabled();",
                    "    }",
                    "    static Runnable lambda() {",
                    "        return () -> { if (Keys.TRACING.isEnabled()) { System.out.println(); } };",
                    "    }",
                    "    static final class Nested {",
                    "        boolean site() { return Keys.TRACING.isEnabled() ? true : false; }",
                    "    }",
                    "}"),
            "p/Plain.java", "package p; final class Plain { int x() { return 1; } }");

    private Path compile(Path out, String... files) throws Exception {
        Path sources = temp.resolve("src");
        List<String> arguments = new ArrayList<>(List.of("-d", out.toString(), "-processor", KeyProcessor.class.getName(),
                "-classpath", System.getProperty("java.class.path") + File.pathSeparator + out, "-g"));
        for (String file : files) {
            Path source = sources.resolve(file);
            Files.createDirectories(source.getParent());
            Files.writeString(source, SOURCES.get(file));
            arguments.add(source.toString());
        }
        Files.createDirectories(out);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertEquals(0, javac.run(null, null, null, arguments.toArray(new String[0])), "javac");
        return out.resolve(SiteTableWriter.RESOURCE);
    }

    private static List<String> lines(Path table) throws Exception {
        return Files.readAllLines(table);
    }

    @Test
    void recordsKeysAndEverySiteShapeAsTheBytecodeHasThem() throws Exception {
        List<String> table = lines(compile(temp.resolve("out"), "p/Keys.java", "p/Sites.java", "p/Plain.java"));
        assertEquals(List.of(
                "statickeys-sites\t1",
                "class\tp.Keys",
                "class\tp.Sites",
                "class\tp.Sites$Nested",
                "key\tp.Keys\tFAST\tp.fast\ttrue\t\t",
                "key\tp.Keys\tTRACING\tp.tracing\tfalse\ttraces\\tall\tedge",
                "site\tp.Sites\tbranch\t(I)I\t4\tp.Keys\tTRACING\tp.tracing\tifeq",
                "site\tp.Sites\tbranch\t(I)I\t7\tp.Keys\tFAST\tp.fast\tifne",
                "site\tp.Sites\tlambda$lambda$0\t()V\t16\tp.Keys\tTRACING\tp.tracing\tifeq",
                "site\tp.Sites\tvalue\t()Z\t13\tp.Keys\tFAST\tp.fast\tvalue",
                "site\tp.Sites$Nested\tsite\t()Z\t19\tp.Keys\tTRACING\tp.tracing\tifeq"), table);
    }

    @Test
    void theSameSourcesGiveTheSameBytes() throws Exception {
        byte[] first = Files.readAllBytes(compile(temp.resolve("a"), "p/Keys.java", "p/Sites.java"));
        byte[] second = Files.readAllBytes(compile(temp.resolve("b"), "p/Sites.java", "p/Keys.java"));
        assertArrayEquals(first, second);
    }

    @Test
    void aPartialRecompilationKeepsTheOtherClassesAndDropsDeletedOnes() throws Exception {
        Path out = temp.resolve("out");
        List<String> full = lines(compile(out, "p/Keys.java", "p/Sites.java"));
        assertEquals(full, lines(compile(out, "p/Sites.java")), "Keys not recompiled: its records stay");
        Files.delete(out.resolve("p/Sites$Nested.class"));
        List<String> after = lines(compile(out, "p/Keys.java"));
        assertTrue(after.contains("class\tp.Sites"), after.toString());
        assertTrue(after.stream().noneMatch(line -> line.contains("Sites$Nested")), after.toString());
    }
}
