package dev.statickeys.agent.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import dev.statickeys.testing.HostileInputReport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Format 1 as the processor writes it, and every way a table can be broken, each with its message. */
class TableReaderTest {
    private static final String HEADER = "statickeys-sites\t1\n";
    private static final String KEYS = "class\tp.Keys\n"
            + "key\tp.Keys\tTRACE\ttrace\tfalse\tRequest tracing\\tfor support\tteam-a\n";
    private static final String USER = "class\tp.User\n"
            + "site\tp.User\trun\t(I)V\t12\tp.Keys\tTRACE\ttrace\tifeq\n"
            + "site\tp.User\tvalue\t()Z\t-1\tq.Other\tFLAG\t-\tvalue\n";

    private static List<RecordedClass> read(String text) throws TableException {
        return TableReader.read("t", text.getBytes(StandardCharsets.UTF_8));
    }

    private static final HostileInputReport REPORT = new HostileInputReport("site-tables", "Broken and hostile"
            + " site tables (`META-INF/statickeys/sites`) given to `TableReader.read`, and what each got. A rejected"
            + " table is not used: the agent scans the classes it would have described, and says so once.");

    private static String rejected(String text) {
        return REPORT.record(text, assertThrows(TableException.class, () -> read(text)).getMessage());
    }

    @AfterAll
    static void writeReport() {
        REPORT.write();
    }

    @Test
    void readsClassesKeysAndSites() throws Exception {
        List<RecordedClass> classes = read(HEADER + KEYS + USER);
        assertEquals(2, classes.size());
        RecordedClass keys = classes.get(0);
        assertEquals("p.Keys", keys.name);
        assertFalse(keys.hasSites());
        RecordedKey trace = keys.keys().get(0);
        assertEquals("trace", trace.name());
        assertFalse(trace.initialValue());
        assertEquals("Request tracing\tfor support", trace.description());
        assertEquals("team-a", trace.owner());
        List<RecordedSite> sites = classes.get(1).sites();
        assertEquals(new RecordedSite("p.User", "run", "(I)V", 12, "p.Keys", "TRACE", "trace", "ifeq"), sites.get(0));
        assertEquals(new RecordedSite("p.User", "value", "()Z", -1, "q.Other", "FLAG", null, "value"), sites.get(1));
    }

    @Test
    void readsConcatenatedTables() throws Exception {
        assertEquals(2, read(HEADER + KEYS + HEADER + USER).size());
    }

    @Test
    void aKeyOrSiteMayComeBeforeItsClassLine() throws Exception {
        assertEquals(1, read(HEADER + "key\tp.Keys\tTRACE\ttrace\tfalse\t\t\nclass\tp.Keys\n").size());
    }

    @Test
    void rejectsAnEmptyResource() {
        assertEquals("t: empty; expected the header line \"statickeys-sites<TAB>1\"", rejected(""));
    }

    @Test
    void rejectsSomethingElse() {
        assertEquals("t: line 1: not a site table: expected the header line \"statickeys-sites<TAB>1\", found"
                + " \"<html>\"", rejected("<html>\n"));
    }

    @Test
    void rejectsAnotherVersion() {
        assertEquals("t: line 1: format version 2; this agent reads version 1 (the table was written by a newer"
                + " statickeys processor)", rejected("statickeys-sites\t2\n" + KEYS));
        assertTrue(rejected(HEADER + KEYS + "statickeys-sites\t0\n").startsWith("t: line 4: format version 0;"));
    }

    @Test
    void rejectsAMalformedHeader() {
        assertTrue(rejected("statickeys-sites\tone\n").startsWith("t: line 1: malformed header"));
    }

    @Test
    void rejectsATruncatedTable() {
        String text = HEADER + KEYS + USER;
        assertEquals("t: line 6: truncated: the last line does not end with a newline",
                rejected(text.substring(0, text.length() - 9)));
    }

    @Test
    void rejectsBadUtf8WithItsLine() {
        byte[] bytes = (HEADER + "class\tp.K\u00e9ys\n").getBytes(StandardCharsets.UTF_8);
        bytes[bytes.length - 4] = (byte) 0xFF;
        String message = REPORT.record(new String(bytes, StandardCharsets.ISO_8859_1),
                assertThrows(TableException.class, () -> TableReader.read("t", bytes)).getMessage());
        assertTrue(message.startsWith("t: line 2: not valid UTF-8"), message);
    }

    @Test
    void readsNamesAndDescriptionsBeyondAsciiExactly() throws Exception {
        // ASCII lines are copied as they are; these go through the strict decoder, between ASCII lines.
        String keys = "class\tp.K\u00e9ys\n"
                + "key\tp.K\u00e9ys\tGR\u00d6SSE\tsize\ttrue\tGr\u00f6\u00dfe \u2013 \u2713 \ud83d\ude80\t\u00e9quipe\n";
        List<RecordedClass> classes = read(HEADER + keys + KEYS + USER);
        assertEquals("p.K\u00e9ys", classes.get(0).name);
        RecordedKey size = classes.get(0).keys().get(0);
        assertEquals("GR\u00d6SSE", size.field());
        assertEquals("Gr\u00f6\u00dfe \u2013 \u2713 \ud83d\ude80", size.description());
        assertEquals("\u00e9quipe", size.owner());
        assertEquals("trace", classes.get(1).keys().get(0).name());
    }

    @Test
    void rejectsALatin1ByteInAnOtherwiseAsciiTable() {
        byte[] bytes = (HEADER + KEYS + "class\tp.Keys2\n").getBytes(StandardCharsets.UTF_8);
        bytes[bytes.length - 3] = (byte) 0xE9; // 'é' in ISO-8859-1: not UTF-8 on its own
        String message = REPORT.record(new String(bytes, StandardCharsets.ISO_8859_1),
                assertThrows(TableException.class, () -> TableReader.read("t", bytes)).getMessage());
        assertTrue(message.startsWith("t: line 4: not valid UTF-8"), message);
    }

    @Test
    void rejectsAHugeResourceUnread() {
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                return 'x';
            }

            @Override
            public int read(byte[] buffer, int offset, int length) {
                java.util.Arrays.fill(buffer, offset, offset + length, (byte) 'x');
                return length;
            }
        };
        String message = REPORT.record("an endless stream of 'x'",
                assertThrows(TableException.class, () -> TableReader.read("t", endless)).getMessage());
        assertEquals("t: larger than " + TableReader.MAX_BYTES + " bytes; expected a site table", message);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "unknown record|frob\\tp.A|line 2: unknown record \"frob\"; expected class, key or site",
        "short class|class|line 2: a class record with 1 field; expected 2 tab-separated fields (class, class name)",
        "short site|site\\tp.A\\tm|line 2: a site record with 3 fields; expected 9",
        "long key|key\\tp.A\\tF\\tf\\tfalse\\t\\t\\textra|line 2: a key record with 8 fields; expected 7",
        "internal name|class\\tp/A|line 2: class name \"p/A\" is not a binary class name",
        "empty class|class\\t|line 2: class name \"\" is not a binary class name",
        "dotted field|key\\tp.A\\tF.G\\tf\\tfalse\\t\\t|line 2: field name \"F.G\" is not a valid field name",
        "bad key name|key\\tp.A\\tF\\tno spaces\\tfalse\\t\\t|line 2: key name \"no spaces\" is not valid",
        "bad default|key\\tp.A\\tF\\tf\\tyes\\t\\t|line 2: key default \"yes\"; expected true or false",
        "bad escape|key\\tp.A\\tF\\tf\\tfalse\\ta\\qb\\t|line 2: bad escape in \"a\\qb\"",
        "bad method|site\\tp.A\\t<m>\\t()V\\t1\\tp.A\\tF\\t-\\tifeq|line 2: method name \"<m>\" is not a valid method name",
        "bad descriptor|site\\tp.A\\tm\\t(I\\t1\\tp.A\\tF\\t-\\tifeq|line 2: \"(I\" is not a method descriptor",
        "huge line|site\\tp.A\\tm\\t()V\\t99999999999\\tp.A\\tF\\t-\\tifeq|line 2: source line \"99999999999\"; expected -1",
        "negative line|site\\tp.A\\tm\\t()V\\t-7\\tp.A\\tF\\t-\\tifeq|line 2: source line \"-7\"; expected -1",
        "bad shape|site\\tp.A\\tm\\t()V\\t1\\tp.A\\tF\\t-\\tgoto|line 2: site shape \"goto\"; expected ifeq, ifne or value",
    })
    void rejectsABadRecordWithItsLineAndWhatWasExpected(String what, String record, String expected) {
        String message = rejected(HEADER + record.replace("\\t", "\t") + "\n");
        assertTrue(message.startsWith("t: " + expected), message);
    }

    @Test
    void rejectsARecordOfAnUnlistedClass() {
        assertEquals("t: line 2: a site record of class p.A, which has no class record; expected \"class<TAB>p.A\""
                + " in the same table", rejected(HEADER + "site\tp.A\tm\t()V\t1\tp.A\tF\t-\tifeq\n"));
    }

    @Test
    void rejectsASiteOfAnUnknownKey() {
        String message = rejected(HEADER + "class\tp.A\nsite\tp.A\tm\t()V\t1\tp.Keys\tTRACE\ttrace\tifeq\n");
        assertEquals("t: line 3: the site names key \"trace\" of p.Keys.TRACE, but the table has no key record for"
                + " that field; expected the key name from the table, or - for a key declared elsewhere", message);
        String renamed = rejected(HEADER + KEYS + USER.replace("\ttrace\t", "\tdebug\t"));
        assertTrue(renamed.contains("but the table's key record for that field says \"trace\""), renamed);
    }

    @Test
    void rejectsDuplicates() {
        assertEquals("t: line 4: class p.Keys is listed twice (first on line 2)", rejected(HEADER + KEYS + "class\tp.Keys\n"));
        assertEquals("t: line 4: key field p.Keys.TRACE is listed twice",
                rejected(HEADER + KEYS + "key\tp.Keys\tTRACE\ttrace\tfalse\t\t\n"));
    }

    @Test
    void mergingKeepsIdenticalRecordsAndDropsConflictingOnes() throws Exception {
        MergedTables tables = new MergedTables();
        assertEquals(List.of(), tables.add("a.jar", read(HEADER + KEYS + USER)));
        assertEquals(List.of(), tables.add("b.jar", read(HEADER + KEYS)));
        List<String> conflicts = tables.add("c.jar", read(HEADER + USER.replace("ifeq", "ifne") + KEYS));
        assertEquals(List.of("class p.User is recorded differently by a.jar and by c.jar; neither record is used and"
                + " the class is scanned"), conflicts);
        assertNull(tables.lookup("p.User"));
        assertEquals("a.jar", tables.sourceOf("p.Keys"));
        assertEquals(List.of(), tables.add("d.jar", read(HEADER + KEYS + USER)), "a conflict is reported once");
        assertNull(tables.lookup("p.User"));
    }
}
