package dev.statickeys.agent.jvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.statickeys.agent.Reports;
import dev.statickeys.agent.jvm.SiteForm;
import dev.statickeys.agent.table.TableReader;
import dev.statickeys.fixtures.ShapeKeys;
import dev.statickeys.fixtures.Shapes;
import dev.statickeys.testing.Bytecode;
import dev.statickeys.testing.FreshLoader;
import dev.statickeys.testing.LogCapture;
import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.lang.ref.WeakReference;
import java.net.URL;
import java.net.URLClassLoader;
import java.security.CodeSource;
import java.time.Duration;
import java.security.ProtectionDomain;
import java.security.cert.Certificate;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The transformer with site tables: the test classes are compiled with the processor, so their table is
 * on the class path; stale and corrupt tables are served by a loader of the test's own.
 */
class SiteTableUseTest {
    private static final String SHAPES = Shapes.class.getName();
    private static final ClassLoader LOADER = SiteTableUseTest.class.getClassLoader();

    private final TransformerParts parts = new TransformerParts();

    @TempDir
    Path temp;

    private SiteTransformer transformer(boolean useTables) {
        return parts.transformer(SiteForm.INLINE, null, useTables, null);
    }

    private static byte[] patch(SiteTransformer transformer, ClassLoader loader, String className) {
        return transformer.transform(loader, className.replace('.', '/'), null, null,
                FreshLoader.classFile(LOADER, className));
    }

    /** As {@link #patch}, for a class defined from {@code location}. */
    private static byte[] patchFrom(SiteTransformer transformer, URL location, String className) {
        ProtectionDomain domain = new ProtectionDomain(new CodeSource(location, (Certificate[]) null), null);
        return transformer.transform(LOADER, className.replace('.', '/'), null, domain,
                FreshLoader.classFile(LOADER, className));
    }

    /** A directory holding {@code table} where the processor puts it. */
    private Path directoryWith(String table) throws IOException {
        Path directory = Files.createTempDirectory(temp, "classes");
        Path file = directory.resolve(TableReader.RESOURCE);
        Files.createDirectories(file.getParent());
        Files.writeString(file, table);
        return directory;
    }

    /** A jar holding {@code table} where the processor puts it. */
    private Path jarWith(String table) throws IOException {
        Path jar = Files.createTempFile(temp, "lib", ".jar");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new ZipEntry(TableReader.RESOURCE));
            out.write(table.getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        return jar;
    }

    /** A table recording {@link Shapes} without sites; the build's own table records it with many. */
    private static final String SHAPES_WITHOUT_SITES = "statickeys-sites\t1\nclass\t" + SHAPES + "\n";

    /** The test classes' own table, as the processor wrote it. */
    private static String buildTable() throws IOException {
        for (URL url : Collections.list(LOADER.getResources(TableReader.RESOURCE))) {
            if (url.toString().contains("test-classes")) {
                try (InputStream in = url.openStream()) {
                    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
        }
        throw new AssertionError("the test classes have no site table: are they compiled with the processor?");
    }

    /** A loader that sees the test classes but, as its only site table, {@code table}. */
    private ClassLoader servingTable(String table) throws IOException {
        Path file = Files.writeString(temp.resolve("sites-" + System.nanoTime()), table);
        URL url = file.toUri().toURL();
        return new ClassLoader("serving-table", LOADER) {
            @Override
            public Enumeration<URL> getResources(String name) throws IOException {
                return name.equals(TableReader.RESOURCE) ? Collections.enumeration(Set.of(url)) : super.getResources(name);
            }
        };
    }

    @Test
    void theBuildRecordsTheFixtures() throws IOException {
        String table = buildTable();
        assertTrue(table.startsWith("statickeys-sites\t1\n"), table);
        assertTrue(table.contains("\nkey\tdev.statickeys.fixtures.ShapeKeys\tA\tshape.a\tfalse\t"), table);
        assertTrue(table.contains("\nsite\tdev.statickeys.fixtures.Shapes\tifThen\t()Ljava/lang/String;\t"), table);
    }

    @Test
    void aClassIsLookedUpInTheTableBesideItNotInTheOthersItsLoaderSees() throws IOException {
        SiteTransformer transformer = transformer(true);
        URL directory = directoryWith(SHAPES_WITHOUT_SITES).toUri().toURL();
        assertNull(patchFrom(transformer, directory, SHAPES), "the table beside the class records it without sites");
        assertNull(patchFrom(transformer, directory, SHAPES));
        Map<String, Long> statistics = transformer.statistics();
        assertEquals(2L, statistics.get("classesSkippedByTable"), statistics.toString());
        assertEquals(0L, statistics.get("classesScanned"), statistics.toString());
        assertEquals(1L, statistics.get("tableReads"), "one read per loader and place: " + statistics);
    }

    @Test
    void theTablesKeepNoClassLoaderAlive() throws Exception {
        LoaderTables tables = new LoaderTables();
        URL directory = directoryWith(SHAPES_WITHOUT_SITES).toUri().toURL();
        WeakReference<ClassLoader> dropped = lookUpFromAThrowawayLoader(tables, directory);
        for (int i = 0; i < 100 && dropped.get() != null; i++) {
            System.gc();
            Thread.sleep(20);
        }
        assertNull(dropped.get(), "the loader is still reachable: the tables hold it (a domain refers to its loader)");
    }

    /** Looks a class up as a class loader defining it from {@code directory} would, then drops the loader. */
    private static WeakReference<ClassLoader> lookUpFromAThrowawayLoader(LoaderTables tables, URL directory)
            throws IOException {
        try (URLClassLoader loader = new URLClassLoader(new URL[] {directory}, null)) {
            // As SecureClassLoader makes them: the domain refers to the loader.
            ProtectionDomain domain = new ProtectionDomain(new CodeSource(directory, (Certificate[]) null), null, loader,
                    null);
            assertNotNull(tables.lookup(loader, domain, SHAPES.replace('.', '/')), "recorded by the table beside it");
            return new WeakReference<>(loader);
        }
    }

    @Test
    void aFifoWhereAPlaceOrItsTableShouldBeIsNeverOpened() throws Exception {
        Path directory = Files.createTempDirectory(temp, "classes");
        Files.createDirectories(directory.resolve(TableReader.RESOURCE).getParent());
        Path tableFifo = directory.resolve(TableReader.RESOURCE);
        Path placeFifo = temp.resolve("lib.jar");
        for (Path fifo : List.of(tableFifo, placeFifo)) {
            Process mkfifo;
            try {
                mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
            } catch (IOException e) {
                Assumptions.abort("no mkfifo here: " + e);
                return;
            }
            Assumptions.assumeTrue(mkfifo.waitFor() == 0, "mkfifo failed");
        }
        SiteTransformer transformer = transformer(true);
        // Opening a FIFO for reading blocks until a writer comes: a read of either would hang here.
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            for (Path place : List.of(directory, placeFifo)) {
                Bytecode patched = new Bytecode(patchFrom(transformer, place.toUri().toURL(), SHAPES));
                assertEquals(0, patched.keyLoads("ifThen"), "scanned and patched, from " + place);
            }
        });
        assertEquals(0L, transformer.statistics().get("classesCheckedAgainstTable"), transformer.statistics().toString());
    }

    @Test
    void noLockIsHeldWhileALoadersTablesAreRead() throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ClassLoader slow = new ClassLoader("slow-resources", LOADER) {
            @Override
            public Enumeration<URL> getResources(String name) throws IOException {
                if (name.equals(TableReader.RESOURCE)) {
                    inside.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                return super.getResources(name);
            }
        };
        LoaderTables tables = new LoaderTables();
        Thread reader = new Thread(() -> tables.lookup(slow, null, SHAPES.replace('.', '/')), "reading slow tables");
        reader.start();
        try {
            assertTrue(inside.await(20, TimeUnit.SECONDS), "the reader never asked for the tables");
            URL directory = directoryWith(SHAPES_WITHOUT_SITES).toUri().toURL();
            ProtectionDomain domain = new ProtectionDomain(new CodeSource(directory, (Certificate[]) null), null);
            assertTimeoutPreemptively(Duration.ofSeconds(20), () -> assertNotNull(tables.lookup(LOADER, domain,
                    SHAPES.replace('.', '/')), "another loader's lookup goes on while the first one reads"));
        } finally {
            release.countDown();
            reader.join(20_000);
        }
        assertFalse(reader.isAlive());
    }

    @Test
    void aClassFromAJarIsLookedUpInTheJarsTable() throws IOException {
        SiteTransformer transformer = transformer(true);
        assertNull(patchFrom(transformer, jarWith(SHAPES_WITHOUT_SITES).toUri().toURL(), SHAPES));
        assertEquals(1L, transformer.statistics().get("classesSkippedByTable"), transformer.statistics().toString());
    }

    @Test
    void aClassWithoutATableBesideItIsScannedThoughItsLoaderSeesOne() throws Exception {
        SiteTransformer transformer = transformer(true);
        Path empty = Files.createTempDirectory(temp, "classes");
        Path notAJar = Files.writeString(temp.resolve("not-a.jar"), "plain text");
        Path jarWithoutTable = jarWith("unused");
        Files.delete(jarWithoutTable);
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(jarWithoutTable))) {
            out.putNextEntry(new ZipEntry("p/A.class"));
            out.closeEntry();
        }
        Path tableIsADirectory = Files.createTempDirectory(temp, "classes");
        Files.createDirectories(tableIsADirectory.resolve(TableReader.RESOURCE));
        try (LogCapture log = new LogCapture()) {
            for (Path place : List.of(empty, notAJar, jarWithoutTable, temp.resolve("missing"), tableIsADirectory)) {
                Bytecode patched = new Bytecode(patchFrom(transformer, place.toUri().toURL(), SHAPES));
                assertEquals(0, patched.keyLoads("ifThen"), "scanned and patched, from " + place);
            }
            Map<String, Long> statistics = transformer.statistics();
            assertEquals(5L, statistics.get("classesScanned"), statistics.toString());
            assertEquals(0L, statistics.get("classesCheckedAgainstTable"), "no table is any of theirs: " + statistics);
            String marker = "marker " + System.nanoTime();
            Reports.once(marker, Level.WARNING, marker);
            assertNotNull(log.await(marker, 10), "reports arrive in order: anything about these places came first");
            assertEquals(0L, log.count("site table"), "none of these places has a table to report");
        }
    }

    @Test
    void aClassFromAnythingButAFileIsLookedUpInEveryTableItsLoaderSees() throws IOException {
        SiteTransformer transformer = transformer(true);
        for (URL location : new URL[] {new URL("http://example.invalid/lib.jar"), new URL("file://host/share/lib.jar")}) {
            new Bytecode(patchFrom(transformer, location, SHAPES));
        }
        assertNull(transformer.transform(LOADER, ShapeKeys.class.getName().replace('.', '/'), null,
                new ProtectionDomain(null, null), FreshLoader.classFile(LOADER, ShapeKeys.class.getName())));
        Map<String, Long> statistics = transformer.statistics();
        assertEquals(2L, statistics.get("classesCheckedAgainstTable"), "checked against the build's table: " + statistics);
        assertEquals(1L, statistics.get("classesSkippedByTable"), "no code source at all: " + statistics);
        assertEquals(1L, statistics.get("tableReads"), "the loader's tables, read once: " + statistics);
    }

    @Test
    void aCorruptTableBesideAClassIsReportedWhereItIsAndTheClassIsScanned() throws Exception {
        String table = buildTable();
        Path directory = directoryWith(table.substring(0, table.length() - 1));
        SiteTransformer transformer = transformer(true);
        try (LogCapture log = new LogCapture()) {
            Bytecode patched = new Bytecode(patchFrom(transformer, directory.toUri().toURL(), SHAPES));
            assertEquals(0, patched.keyLoads("ifThen"), "patched after a scan");
            assertEquals(0L, transformer.statistics().get("classesCheckedAgainstTable"));
            String message = log.await("truncated: the last line does not end with a newline", 10);
            assertNotNull(message);
            assertTrue(message.startsWith("statickeys: site table " + directory.toUri().toURL() + TableReader.RESOURCE
                    + ": line "), message);
        }
    }

    @Test
    void aClassRecordedWithoutSitesIsPassedOverUnparsed() {
        SiteTransformer transformer = transformer(true);
        assertNull(patch(transformer, LOADER, ShapeKeys.class.getName()));
        assertEquals(1L, transformer.statistics().get("classesSkippedByTable"));
        assertEquals(0L, transformer.statistics().get("classesScanned"));
    }

    @Test
    void aClassRecordedWithSitesIsCheckedAndPatched() {
        SiteTransformer transformer = transformer(true);
        Bytecode patched = new Bytecode(patch(transformer, LOADER, SHAPES));
        assertEquals(0, patched.keyLoads("ifThen"));
        Map<String, Long> statistics = transformer.statistics();
        assertEquals(1L, statistics.get("classesScanned"));
        assertEquals(1L, statistics.get("classesCheckedAgainstTable"));
        assertEquals(0L, statistics.get("tableMismatches"));
    }

    @Test
    void withSiteTablesOffEveryClassIsScanned() {
        SiteTransformer transformer = transformer(false);
        assertNull(patch(transformer, LOADER, ShapeKeys.class.getName()));
        Map<String, Long> statistics = transformer.statistics();
        assertEquals(Map.of("classesScanned", 1L, "classesSkippedByTable", 0L, "classesCheckedAgainstTable", 0L,
                "tableMismatches", 0L), Map.of("classesScanned", statistics.get("classesScanned"),
                "classesSkippedByTable", statistics.get("classesSkippedByTable"),
                "classesCheckedAgainstTable", statistics.get("classesCheckedAgainstTable"),
                "tableMismatches", statistics.get("tableMismatches")));
        assertEquals(null, statistics.get("tableReads"), "no tables, no table counters: " + statistics);
    }

    @Test
    void aSiteTheTableRecordsDifferentlyStaysPlainAndIsReported() throws Exception {
        String table = buildTable();
        String line = null;
        for (String record : table.split("\n")) {
            if (record.startsWith("site\t" + SHAPES + "\tifThen\t")) {
                line = record;
            }
        }
        assertNotNull(line, table);
        String[] fields = line.split("\t");
        String stale = table.replace(line, line.replace("\tifeq", "\tifne"))
                + "site\t" + SHAPES + "\tifElse\t()Ljava/lang/String;\t9999\t" + ShapeKeys.class.getName() + "\tA\t-\tifeq\n";
        SiteTransformer transformer = transformer(true);
        try (LogCapture log = new LogCapture()) {
            byte[] bytes = patch(transformer, servingTable(stale), SHAPES);
            Bytecode patched = new Bytecode(bytes);
            assertEquals(1, patched.keyLoads("ifThen"), "the disputed site is a plain check");
            assertEquals(0, patched.keyLoads("ifElse"), "the site the table does record is patched");
            assertEquals(2L, transformer.statistics().get("tableMismatches"));
            String where = "class " + SHAPES + ", method ifThen()Ljava/lang/String;, line " + fields[4] + ": ";
            assertEquals("statickeys: " + where + "the site table records an ifne site of dev.statickeys.fixtures.ShapeKeys.A but the"
                    + " bytecode has an ifeq site of dev.statickeys.fixtures.ShapeKeys.A there; sites the table does not"
                    + " record stay plain checks (a stale table, or a class rewritten after compilation?)",
                    log.await(where, 10));
            assertNotNull(log.await("method ifElse()Ljava/lang/String;, line 9999: the site table records an ifeq"
                    + " site of dev.statickeys.fixtures.ShapeKeys.A but the bytecode has no site there", 10));
            Class<?> loaded = new FreshLoader(LOADER, Set.of(SHAPES), Map.of(SHAPES, bytes)).loadClass(SHAPES);
            assertEquals(Shapes.expected("ifThen", false, true), Shapes.call(loaded, "ifThen"));
        }
    }

    @Test
    void aCorruptTableIsReportedAndItsClassesAreScanned() throws Exception {
        String table = buildTable();
        SiteTransformer transformer = transformer(true);
        try (LogCapture log = new LogCapture()) {
            ClassLoader loader = servingTable(table.substring(0, table.length() - 1));
            Bytecode patched = new Bytecode(patch(transformer, loader, SHAPES));
            assertEquals(0, patched.keyLoads("ifThen"), "patched after a scan");
            assertEquals(0L, transformer.statistics().get("classesCheckedAgainstTable"));
            String message = log.await("truncated: the last line does not end with a newline", 10);
            assertNotNull(message);
            assertTrue(message.startsWith("statickeys: site table file:"), message);
            assertTrue(message.endsWith("The agent ignores this table and scans the classes it would have recorded."),
                    message);
        }
    }
}
