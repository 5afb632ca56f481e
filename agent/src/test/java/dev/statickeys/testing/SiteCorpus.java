package dev.statickeys.testing;

import dev.statickeys.StaticKey;
import dev.statickeys.fixtures.CorpusKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * The site-shape corpus: the sources under {@code src/test/corpus}, compiled at test time by the
 * running JDK's javac (with the statickeys processor, as users compile), once with {@code --release 17}
 * and, on JDK 25 or later, once more at the JDK's own release level with the newer shapes of
 * {@code src/test/corpus/java25} added. A generated class adds methods near the 64 KB limit.
 *
 * <p>Every top-level corpus class offers {@code public static} methods without parameters; their
 * outcomes (the value's text, or the exception thrown) depend only on the states of the class's keys:
 * those of {@link CorpusKeys} and the class's own. Methods whose name contains {@code dynamic} read keys
 * the agent must leave as plain checks.
 */
public final class SiteCorpus {
    public static final Path SOURCES = Path.of("src/test/corpus");
    /** Statements in the generated {@code Large.manySites}: its code stays just under 64 KB. */
    static final int LARGE_SITES = 2640;
    /** Statements in the block {@code Large.hugeBlock} guards: more than 32 KB, so javac jumps with goto_w. */
    static final int HUGE_BLOCK_STATEMENTS = 4000;

    /** The corpus compiled at one release level. */
    public static final class Build {
        public final int release;
        public final Path classes;
        /** Class file bytes by binary name. */
        public final Map<String, byte[]> classFiles;

        Build(int release, Path classes, Map<String, byte[]> classFiles) {
            this.release = release;
            this.classes = classes;
            this.classFiles = classFiles;
        }

        /** The top-level corpus classes, by name. */
        public List<String> topLevel() {
            return classFiles.keySet().stream().filter(name -> !name.contains("$")).collect(Collectors.toList());
        }

        /** {@code topLevel} and every class nested in it (including local, anonymous and enum constant classes). */
        public List<String> nest(String topLevel) {
            return classFiles.keySet().stream().filter(name -> name.equals(topLevel) || name.startsWith(topLevel + "$"))
                    .collect(Collectors.toList());
        }

        /** A fresh copy of {@code topLevel}'s nest, with the given bytes where present (else the compiled ones). */
        public FreshLoader load(ClassLoader parent, String topLevel, Map<String, byte[]> replaced) {
            Map<String, byte[]> bytes = new LinkedHashMap<>();
            for (String name : nest(topLevel)) {
                bytes.put(name, replaced.getOrDefault(name, classFiles.get(name)));
            }
            return new FreshLoader(parent, bytes.keySet(), bytes);
        }

        @Override
        public String toString() {
            return "corpus at release " + release;
        }
    }

    private SiteCorpus() {}

    /** The release levels to compile at on this JDK: 17, and the JDK's own from 25 on. */
    public static List<Integer> releases() {
        int own = Runtime.version().feature();
        return own >= 25 ? List.of(17, own) : List.of(17);
    }

    /** Compiles the corpus at {@code release} into {@code out} (its {@code classes} and {@code generated} directories). */
    public static Build compile(int release, Path out) {
        try {
            deleteRecursively(out); // a site table left by an earlier run would be merged with the new one
            Path classes = Files.createDirectories(out.resolve("classes"));
            Path generated = Files.createDirectories(out.resolve("generated/dev/statickeys/corpus"));
            Files.writeString(generated.resolve("Large.java"), largeSource(), StandardCharsets.UTF_8);
            List<Path> sources = new ArrayList<>(javaFiles(SOURCES.resolve("java17")));
            sources.addAll(javaFiles(out.resolve("generated")));
            if (release >= 25) {
                sources.addAll(javaFiles(SOURCES.resolve("java25")));
            }
            javac(release, classes, sources);
            Map<String, byte[]> classFiles = new TreeMap<>();
            for (Path file : filesEndingWith(classes, ".class")) {
                String name = classes.relativize(file).toString().replace(java.io.File.separatorChar, '.');
                classFiles.put(name.substring(0, name.length() - ".class".length()), Files.readAllBytes(file));
            }
            return new Build(release, classes, classFiles);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void javac(int release, Path classes, List<Path> sources) throws IOException {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = compiler.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8)) {
            // From JDK 23 on javac runs processors found on the class path only when asked to.
            List<String> options = List.of("--release", String.valueOf(release), "-d", classes.toString(),
                    "-cp", System.getProperty("java.class.path"), "-g", "-implicit:none", "-proc:full");
            boolean compiled = compiler.getTask(null, files, diagnostics, options, null,
                    files.getJavaFileObjectsFromPaths(sources)).call();
            if (!compiled) {
                throw new AssertionError("the corpus does not compile at release " + release + ":\n"
                        + diagnostics.getDiagnostics().stream().filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
                                .map(Object::toString).collect(Collectors.joining("\n")));
            }
        }
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
                Files.delete(file);
            }
        }
    }

    private static List<Path> javaFiles(Path directory) throws IOException {
        return filesEndingWith(directory, ".java");
    }

    private static List<Path> filesEndingWith(Path directory, String suffix) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(file -> file.toString().endsWith(suffix)).sorted().collect(Collectors.toList());
        }
    }

    /** The generated class: one method of many sites near the 64 KB limit, one site guarding more than 32 KB. */
    static String largeSource() {
        StringBuilder source = new StringBuilder();
        source.append("package dev.statickeys.corpus;\n\n")
                .append("import static dev.statickeys.fixtures.CorpusKeys.A;\n")
                .append("import static dev.statickeys.fixtures.CorpusKeys.B;\n")
                .append("import static dev.statickeys.fixtures.CorpusKeys.C;\n\n")
                .append("/** Generated by SiteCorpus: methods near the 64 KB limit of a method's code. */\n")
                .append("public final class Large {\n    private Large() {}\n\n")
                .append("    public static int manySites() {\n        int x = 0;\n");
        String[] keys = {"A", "B", "C"};
        for (int i = 0; i < LARGE_SITES; i++) {
            source.append("        if (").append(keys[i % 3]).append(".isEnabled()) { x += ").append(i)
                    .append("; } else { x ^= ").append(i).append("; }\n");
        }
        source.append("        return x;\n    }\n\n")
                .append("    public static int hugeBlock() {\n        int x = 1;\n        if (A.isEnabled()) {\n");
        for (int i = 0; i < HUGE_BLOCK_STATEMENTS; i++) {
            source.append("            x = x * 31 + ").append(i).append(";\n");
        }
        source.append("        }\n        return B.isEnabled() ? x : -x;\n    }\n}\n");
        return source.toString();
    }

    /** The length of {@code method}'s code (its Code attribute's code_length) in a class file, or -1 without one. */
    public static int codeLength(byte[] classFile, String method) {
        org.objectweb.asm.ClassReader reader = new org.objectweb.asm.ClassReader(classFile);
        char[] buffer = new char[reader.getMaxStringLength()];
        int offset = reader.header + 8 + 2 * reader.readUnsignedShort(reader.header + 6); // past the interfaces
        for (int fieldsAndMethods = 0; fieldsAndMethods < 2; fieldsAndMethods++) {
            int count = reader.readUnsignedShort(offset);
            offset += 2;
            for (int i = 0; i < count; i++) {
                String name = reader.readUTF8(offset + 2, buffer);
                int attributes = reader.readUnsignedShort(offset + 6);
                offset += 8;
                for (int a = 0; a < attributes; a++) {
                    String attribute = reader.readUTF8(offset, buffer);
                    if (fieldsAndMethods == 1 && name.equals(method) && attribute.equals("Code")) {
                        return reader.readInt(offset + 10);
                    }
                    offset += 6 + reader.readInt(offset + 2);
                }
            }
        }
        return -1;
    }

    /** The keys {@code corpusClass}'s outcomes depend on: {@link CorpusKeys}' and its own, in declaration order. */
    public static List<StaticKey> keysOf(Class<?> corpusClass) {
        List<StaticKey> keys = new ArrayList<>(sharedKeys());
        keys.addAll(ownKeys(corpusClass));
        return keys;
    }

    /** The keys of {@link CorpusKeys}. */
    public static List<StaticKey> sharedKeys() {
        return keyFields(CorpusKeys.class);
    }

    /** The keys a corpus class declares itself. */
    public static List<StaticKey> ownKeys(Class<?> corpusClass) {
        return keyFields(corpusClass);
    }

    /** The states with every key at its initial value, as {@link #set} takes them. */
    public static int defaults(List<StaticKey> keys) {
        int states = 0;
        for (int i = 0; i < keys.size(); i++) {
            states |= keys.get(i).initialValue() ? 1 << i : 0;
        }
        return states;
    }

    private static List<StaticKey> keyFields(Class<?> type) {
        List<StaticKey> keys = new ArrayList<>();
        for (Field field : type.getDeclaredFields()) {
            int modifiers = field.getModifiers();
            if (field.getType() == StaticKey.class && Modifier.isStatic(modifiers) && Modifier.isFinal(modifiers)) {
                try {
                    field.setAccessible(true);
                    keys.add((StaticKey) field.get(null));
                } catch (IllegalAccessException e) {
                    throw new AssertionError(e);
                }
            }
        }
        return keys;
    }

    /** The corpus methods of a top-level class: public static, no parameters, by name. */
    public static List<Method> methodsOf(Class<?> corpusClass) {
        return Stream.of(corpusClass.getDeclaredMethods())
                .filter(m -> Modifier.isPublic(m.getModifiers()) && Modifier.isStatic(m.getModifiers()))
                .filter(m -> m.getParameterCount() == 0 && !m.isSynthetic())
                .filter(m -> !(corpusClass.isEnum() && m.getName().equals("values")))
                .sorted(Comparator.comparing(Method::getName))
                .collect(Collectors.toList());
    }

    /** What calling {@code method} gives: its value's text, or the exception it throws. */
    public static String outcome(Method method) {
        try {
            return String.valueOf(method.invoke(null));
        } catch (InvocationTargetException e) {
            Throwable thrown = e.getCause();
            return "threw " + thrown.getClass().getName() + ": " + thrown.getMessage();
        } catch (IllegalAccessException e) {
            throw new AssertionError(e);
        }
    }

    /** Whether a class file has sites the agent must patch: {@code isEnabled()} calls outside {@link #mayKeepCalls} methods. */
    public static boolean hasPatchableSites(byte[] classFile) {
        return new Bytecode(classFile).isEnabledCallsByMethod().entrySet().stream()
                .anyMatch(method -> method.getValue() > 0 && !mayKeepCalls(method.getKey()));
    }

    /** Whether a method of this name may keep {@code isEnabled()} calls (it reads keys that cannot be patched). */
    public static boolean mayKeepCalls(String methodName) {
        return methodName.contains("dynamic");
    }

    /** Sets each key to the corresponding bit of {@code states} (bit 0 is the first key). */
    public static void set(List<StaticKey> keys, int states) {
        for (int i = 0; i < keys.size(); i++) {
            if ((states & 1 << i) != 0) {
                keys.get(i).enable();
            } else {
                keys.get(i).disable();
            }
        }
    }

    /** The states as text, e.g. {@code corpus.a=1 corpus.b=0}. */
    public static String describe(List<StaticKey> keys, int states) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < keys.size(); i++) {
            text.append(i == 0 ? "" : " ").append(keys.get(i).name()).append('=').append((states >> i) & 1);
        }
        return text.toString();
    }
}
