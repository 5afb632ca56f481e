package dev.statickeys.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;

/** Each diagnostic of {@link KeyProcessor} from a real {@code javac} run, at its source line. */
class KeyProcessorTest {
    /** One diagnostic as "KIND line: message". */
    private static List<String> compile(String... sources) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        List<JavaFileObject> files = new ArrayList<>();
        for (String source : sources) {
            String name = source.replaceAll("(?s).*?(?:class|interface) (\\w+).*", "$1");
            files.add(new SimpleJavaFileObject(URI.create("string:///p/" + name + ".java"), JavaFileObject.Kind.SOURCE) {
                @Override
                public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                    return source;
                }
            });
        }
        // A full compilation: the processor checks each class once javac has analyzed it.
        List<String> options = List.of("-processor", KeyProcessor.class.getName(), "-d", classes(),
                "-classpath", System.getProperty("java.class.path"));
        javac.getTask(null, null, diagnostics, options, null, files).call();
        List<String> found = new ArrayList<>();
        for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
            found.add(d.getKind() + " " + d.getLineNumber() + ": " + d.getMessage(Locale.ROOT));
        }
        return found;
    }

    private static String classes() {
        try {
            return java.nio.file.Files.createTempDirectory("key-processor-test").toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String source(String... lines) {
        return "package p;\nimport dev.statickeys.StaticKey;\nimport dev.statickeys.KeyInfo;\n" + String.join("\n", lines);
    }

    private static void assertOne(List<String> found, String kindAndLine, String text) {
        assertEquals(1, found.size(), found.toString());
        assertTrue(found.get(0).startsWith(kindAndLine + ": "), found.toString());
        assertTrue(found.get(0).contains(text), found.toString());
    }

    @Test
    void wellFormedDeclarationsAndUsesAreSilent() {
        assertEquals(List.of(), compile(source(
                "class Clean {",
                "    static final String NAME = \"clean.b\";",
                "    @KeyInfo(description = \"does a\", owner = \"team\")",
                "    static final StaticKey A = StaticKey.defineFalse(\"clean.a\");",
                "    static final StaticKey B = StaticKey.defineTrue(NAME);",
                "    static boolean site() { return A.isEnabled() && !Clean.B.isEnabled(); }",
                "    static void local() { StaticKey made = StaticKey.defineFalse(\"clean.local\"); }",
                "}")));
    }

    @Test
    void codeThatJavacAcceptsWithoutTheProcessorCompilesWithIt() {
        // Once broke: the processor attributed method bodies during a round, and javac then failed on a
        // captured wildcard ("cannot find symbol: class <captured wildcard>").
        assertEquals(List.of(), compile("package p;\nimport java.util.*;\nimport java.util.stream.*;\n"
                + "class Wildcards {\n"
                + "    static List<CharSequence> f(Set<? extends CharSequence> all) {\n"
                + "        return all.stream().filter(x -> x.length() > 1).collect(Collectors.toList());\n"
                + "    }\n"
                + "}"));
    }

    @Test
    void anInvalidNameIsAnErrorAtTheName() {
        assertOne(compile(source(
                "class Bad {",
                "    static final StaticKey A = StaticKey.defineFalse(\"has space\");",
                "}")), "ERROR 5", "invalid static key name \"has space\": character ' ' at index 3");
    }

    @Test
    void aNameThatIsNotAConstantIsAWarning() {
        assertOne(compile(source(
                "class Dynamic {",
                "    static final StaticKey A = StaticKey.defineFalse(System.getProperty(\"k\"));",
                "}")), "WARNING 5", "static key name is not a compile-time constant");
    }

    @Test
    void aKeyFieldThatIsNotStaticFinalIsAWarning() {
        assertOne(compile(source(
                "class Mutable {",
                "    static StaticKey A = StaticKey.defineFalse(\"mutable.a\");",
                "}")), "WARNING 5", "held in field A, which is not static final");
    }

    @Test
    void aCheckOnAKeyThatIsNotAStaticFinalFieldIsAWarning() {
        assertOne(compile(source(
                "class PassedAround {",
                "    static boolean site(StaticKey key) {",
                "        return key.isEnabled();",
                "    }",
                "}")), "WARNING 6", "isEnabled() on key, which is not a static final field");
    }

    @Test
    void oneNameWithTwoDefaultsIsAnErrorAndWithOneDefaultAWarning() {
        List<String> found = compile(source(
                "class First {",
                "    static final StaticKey A = StaticKey.defineFalse(\"twice\");",
                "    static final StaticKey B = StaticKey.defineFalse(\"same\");",
                "}"), source(
                "class Second {",
                "    static final StaticKey A = StaticKey.defineTrue(\"twice\");",
                "    static final StaticKey B = StaticKey.defineFalse(\"same\");",
                "}"));
        assertEquals(2, found.size(), found.toString());
        assertTrue(found.get(0).startsWith("ERROR 5: static key \"twice\" is already declared by p.First.A with"
                + " defineFalse; declaring it with defineTrue"), found.toString());
        assertTrue(found.get(1).startsWith("WARNING 6: static key \"same\" is also declared by p.First.B"), found.toString());
    }

    @Test
    void warningsAreSuppressedBySuppressWarningsStatickeys() {
        assertEquals(List.of(), compile(source(
                "@SuppressWarnings(\"statickeys\")",
                "class Quiet {",
                "    static StaticKey A = StaticKey.defineFalse(\"quiet.a\");",
                "    static boolean site(StaticKey key) { return key.isEnabled(); }",
                "}")));
        assertOne(compile(source(
                "class Loud {",
                "    @SuppressWarnings(\"statickeys\") static StaticKey A = StaticKey.defineFalse(\"loud.a\");",
                "    static StaticKey B = StaticKey.defineFalse(\"loud.b\");",
                "}")), "WARNING 6", "held in field B");
    }
}
