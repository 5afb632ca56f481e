package dev.statickeys.agent.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.statickeys.testing.LargeTables;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Merging is linear in the number of records: the same class recorded by two tables with its sites in
 * opposite orders (quadratic before: 5.9 s for 1.4 MB of tables on the class-loading path).
 */
class MergedTablesTest {
    /** Only turns a hang into a failure; the measured times are printed and far below it. */
    private static final Duration BOUND = Duration.ofSeconds(60);
    private static final String CLASS = "p.Big";

    private static List<RecordedClass> read(String source, String text) throws TableException {
        return TableReader.read(source, text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aClassRecordedTwiceInOppositeOrdersMergesInLinearTime() {
        mergeOppositeOrders("distinct method names", LargeTables.methods(65_536));
    }

    @Test
    void namesWithCollidingHashCodesMergeInBoundedTimeToo() {
        mergeOppositeOrders("colliding method names", LargeTables.collidingMethods(16));
    }

    private static void mergeOppositeOrders(String what, List<String> methods) {
        String forward = LargeTables.table(CLASS, methods, "p.Keys", "K", false);
        String backward = LargeTables.table(CLASS, methods, "p.Keys", "K", true);
        assertTrue(forward.length() > 2 << 20, "a table of megabytes: " + forward.length());
        assertTimeoutPreemptively(BOUND, () -> {
            List<RecordedClass> a = read("a.jar", forward);
            List<RecordedClass> b = read("b.jar", backward);
            long start = System.nanoTime();
            MergedTables tables = new MergedTables();
            assertEquals(List.of(), tables.add("a.jar", a));
            assertEquals(List.of(), tables.add("b.jar", b));
            long micros = (System.nanoTime() - start) / 1000;
            System.out.printf("MergedTablesTest: %s: %d sites, 2 tables of %.1f MB, merged in %.1f ms%n", what,
                    methods.size(), forward.length() / 1e6, micros / 1e3);
            RecordedClass merged = tables.lookup(CLASS);
            assertNotNull(merged);
            assertEquals("a.jar", tables.sourceOf(CLASS));
            assertEquals(methods.size(), merged.sites().size());
            Set<String> recorded = new TreeSet<>();
            merged.sites().forEach(site -> recorded.add(site.method()));
            assertEquals(new TreeSet<>(methods), recorded);
        }, "merging " + what + " did not finish in " + BOUND);
    }

    @Test
    void aClassRecordedTwiceWithOneSiteDifferentIsDroppedWhateverTheOrder() throws Exception {
        List<String> methods = LargeTables.methods(1000);
        String forward = LargeTables.table(CLASS, methods, "p.Keys", "K", false);
        String backward = LargeTables.table(CLASS, methods, "p.Keys", "K", true).replace("\tm500\t()Z\t-1\tp.Keys\tK\t-\tvalue",
                "\tm500\t()Z\t-1\tp.Keys\tK\t-\tifeq");
        MergedTables tables = new MergedTables();
        tables.add("a.jar", read("a.jar", forward));
        assertEquals(List.of("class p.Big is recorded differently by a.jar and by b.jar; neither record is used and the"
                + " class is scanned"), tables.add("b.jar", read("b.jar", backward)));
        assertNull(tables.lookup(CLASS));
    }

    @Test
    void repeatedSitesAreCountedNotJustSeen() throws Exception {
        // The same site twice on one line is legal (two checks in one expression); {s, s, t} is not {s, t, t}.
        String header = "statickeys-sites\t1\nclass\tp.Q\n";
        String s = "site\tp.Q\tm\t()V\t3\tp.Keys\tK\t-\tifeq\n";
        String t = "site\tp.Q\tm\t()V\t3\tp.Keys\tK\t-\tifne\n";
        MergedTables tables = new MergedTables();
        tables.add("a.jar", read("a.jar", header + s + s + t));
        assertEquals(List.of(), tables.add("b.jar", read("b.jar", header + s + t + s)));
        assertNotNull(tables.lookup("p.Q"));
        assertEquals(1, tables.add("c.jar", read("c.jar", header + s + t + t)).size());
        assertNull(tables.lookup("p.Q"));
    }
}
