package dev.statickeys.agent.tool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.statickeys.agent.table.TableReader;
import dev.statickeys.fixtures.ShapeKeys;
import dev.statickeys.fixtures.Shapes;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code sites} tool over the test classes as Maven compiled them, with the statickeys processor:
 * their table is what the agent finds in the bytecode, and every kind of bad input gets its message.
 */
class SitesToolTest {
    private static final String SHAPES = Shapes.class.getName();

    @TempDir
    Path temp;

    private Path classes;
    private String table;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void findTheTestClasses() throws URISyntaxException, IOException {
        classes = Path.of(SitesToolTest.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        table = Files.readString(classes.resolve(TableReader.RESOURCE));
    }

    private int run(String... args) {
        return SitesTool.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    /** A class directory holding the shape fixtures and {@code table}. */
    private Path shapesWith(String table) throws IOException {
        Path dir = temp.resolve("classes-" + System.nanoTime());
        for (String name : List.of(SHAPES, SHAPES + "$Built", ShapeKeys.class.getName())) {
            String path = name.replace('.', '/') + ".class";
            Files.createDirectories(dir.resolve(path).getParent());
            Files.copy(classes.resolve(path), dir.resolve(path));
        }
        Files.createDirectories(dir.resolve(TableReader.RESOURCE).getParent());
        Files.writeString(dir.resolve(TableReader.RESOURCE), table);
        return dir;
    }

    /** The build's table restricted to the shape fixtures. */
    private String shapesTable() {
        return tableOf(List.of(SHAPES, SHAPES + "$Built", ShapeKeys.class.getName()));
    }

    private String tableOf(List<String> classNames) {
        StringBuilder text = new StringBuilder();
        for (String line : table.split("\n")) {
            String[] fields = line.split("\t");
            if (line.startsWith("statickeys-sites") || classNames.contains(fields[1])) {
                text.append(line).append('\n');
            }
        }
        return text.toString();
    }

    @Test
    void theBuildsTableIsExactlyWhatTheAgentFindsInEveryClass() {
        assertEquals(0, run("--verify", classes.toString()), err() + out());
        assertTrue(out().endsWith(": no problems\n"), out());
        for (String method : Shapes.METHODS) {
            if (method.equals("dynamicLocal")) {
                continue; // the key is in a local variable: not a site
            }
            // constructor() builds a Built, whose <init> holds the site; lambda()'s site is in lambda$lambda$0
            String holder = method.equals("constructor") ? "$Built\t<init>(" : method.equals("lambda") ? "\tlambda$lambda$"
                    : "\t" + method + "(";
            assertTrue(out().contains("\t" + SHAPES + holder), "no site listed for " + method + ":\n" + out());
        }
        assertTrue(out().contains("key\tshape.a\tfalse\tdev.statickeys.fixtures.ShapeKeys.A\t"), out());
        assertTrue(out().contains("site\tshape.a\t" + SHAPES + "$Built\t<init>()V\t"), out());
    }

    @Test
    void verifyReportsEveryKindOfDisagreementAndExitsOne() throws IOException {
        String shapes = shapesTable();
        assertEquals(0, run("--verify", shapesWith(shapes).toString()), err() + out());
        String stale = shapes.replaceFirst("(site\t" + SHAPES.replace(".", "\\.") + "\tifThen\t[^\n]*\t)ifeq\n", "$1ifne\n")
                .replace("\tshape.own\ttrue\t", "\tshape.own\tfalse\t")
                + "class\tp.Gone\n";
        out.reset();
        assertEquals(1, run("--verify", shapesWith(stale).toString()), err() + out());
        List<String> problems = new ArrayList<>();
        for (String line : out().split("\n")) {
            if (line.startsWith("problem\t")) {
                problems.add(line.substring("problem\t".length()));
            }
        }
        assertEquals(3, problems.size(), out());
        assertTrue(problems.get(0).startsWith("class " + SHAPES + ": the site table records the key fields {OWN=shape.own=false}"
                + " but the class file declares {OWN=shape.own=true}"), problems.get(0));
        assertTrue(problems.get(1).startsWith("class " + SHAPES + ", method ifThen()Ljava/lang/String;, line "), problems.get(1));
        assertTrue(problems.get(1).contains("the site table records an ifne site of dev.statickeys.fixtures.ShapeKeys.A but"
                + " the bytecode has an ifeq site of dev.statickeys.fixtures.ShapeKeys.A there"), problems.get(1));
        assertTrue(problems.get(2).startsWith("class p.Gone: recorded by "), problems.get(2));
        assertTrue(problems.get(2).endsWith(" has no p/Gone.class"), problems.get(2));
        assertTrue(out().endsWith(": 3 problems\n"), out());
    }

    @Test
    void verifyFindsAClassWithSitesTheTableDoesNotRecord() throws IOException {
        String withoutBuilt = tableOf(List.of(SHAPES, ShapeKeys.class.getName()));
        assertEquals(1, run("--verify", shapesWith(withoutBuilt).toString()), err() + out());
        assertTrue(out().contains("problem\tclass " + SHAPES + "$Built in "), out());
        assertTrue(out().contains(" has sites, but its table does not record the class"), out());
    }

    @Test
    void jarsAreReadLikeDirectoriesAndTablesMerged() throws IOException {
        Path jar = temp.resolve("shapes.jar");
        Path dir = shapesWith(shapesTable());
        try (JarOutputStream zip = new JarOutputStream(Files.newOutputStream(jar))) {
            for (String path : List.of(TableReader.RESOURCE, SHAPES.replace('.', '/') + ".class")) {
                zip.putNextEntry(new JarEntry(path));
                zip.write(Files.readAllBytes(dir.resolve(path)));
            }
        }
        assertEquals(0, run(jar.toString(), dir.toString()), err());
        assertTrue(out().startsWith("# statickeys sites: 2 keys, "), out());
        assertTrue(out().contains(", from 2 inputs\n"), out());
    }

    @Test
    void jsonListsKeysWithTheirSites() {
        assertEquals(0, run("--json", "--verify", classes.toString()), err());
        String json = out();
        assertTrue(json.startsWith("{\"format\":1,\"inputs\":[\"" + classes + "\"],\"classesRecorded\":"), json);
        assertTrue(json.contains("{\"name\":\"shape.own\",\"default\":true,\"declaredIn\":\"" + SHAPES + ".OWN\","), json);
        assertTrue(json.contains("{\"class\":\"" + SHAPES + "\",\"method\":\"ownKey\",\"descriptor\":\"()Ljava/lang/String;\","
                + "\"line\":"), json);
        assertTrue(json.contains("\"unresolved\":\"(not a key field"), json);
        assertTrue(json.endsWith(",\"verify\":{\"problems\":[]}}\n"), json);
    }

    @Test
    void badInputGetsAMessageAndExitTwo() throws IOException {
        Path notAJar = Files.writeString(temp.resolve("notes.jar"), "hello");
        assertEquals(2, run(temp.resolve("missing.jar").toString(), notAJar.toString()));
        assertTrue(err().contains("statickeys sites: " + temp.resolve("missing.jar") + ": no such file or directory\n"), err());
        assertTrue(err().contains("statickeys sites: " + notAJar + ": not a jar or a directory ("), err());
        assertEquals("", out(), "nothing is listed when an input is bad");
    }

    @Test
    void aCorruptTableIsBadInput() throws IOException {
        Path dir = shapesWith(shapesTable().replace("statickeys-sites\t1", "statickeys-sites\t7"));
        assertEquals(2, run(dir.toString()));
        assertEquals("statickeys sites: " + dir.resolve(TableReader.RESOURCE) + ": line 1: format version 7; this agent"
                + " reads version 1 (the table was written by a newer statickeys processor)\n", err());
    }

    @Test
    void anInputWithoutATableIsNotedAndListedEmpty() throws IOException {
        Path empty = Files.createDirectory(temp.resolve("empty"));
        assertEquals(0, run(empty.toString()));
        assertTrue(err().contains(": no site table (META-INF/statickeys/sites); was it compiled without the statickeys"
                + " processor?"), err());
        assertTrue(out().startsWith("# statickeys sites: 0 keys, 0 sites, 0 classes recorded, from 1 input\n"), out());
    }

    @Test
    void usageErrors() {
        assertEquals(2, run());
        assertTrue(err().startsWith("statickeys sites: no input; expected one or more jars or class directories\nusage:"), err());
        err.reset();
        assertEquals(2, run("--verbose", "x"));
        assertTrue(err().startsWith("statickeys sites: unknown option '--verbose'; expected --verify or --json\n"), err());
        assertEquals(0, run("--help"));
        assertTrue(out().startsWith("usage: java -jar statickeys-agent.jar sites"), out());
    }
}
