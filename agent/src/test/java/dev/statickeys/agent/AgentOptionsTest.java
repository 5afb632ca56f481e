package dev.statickeys.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.statickeys.agent.core.SiteForm;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AgentOptionsTest {
    @TempDir
    Path temp;

    @Test
    void noOptionsMeansDefaults() {
        assertNull(AgentOptions.parse(null).dump());
        assertNull(AgentOptions.parse("").dump());
        assertEquals(SiteForm.HOLDER, AgentOptions.parse(null).backend());
    }

    @Test
    void backendSelectsTheFormAtLoad() {
        assertEquals(SiteForm.HOLDER, AgentOptions.parse("backend=holder").backend());
        assertEquals(SiteForm.INLINE, AgentOptions.parse("backend=inline").backend());
        assertEquals(SiteForm.INLINE, AgentOptions.parse("dump=" + temp + ",backend=inline").backend());
    }

    @Test
    void flipBudgetIsAWholeNumber() {
        assertEquals(AgentOptions.DEFAULT_FLIP_BUDGET, AgentOptions.parse(null).flipBudget());
        assertEquals(0, AgentOptions.parse("flipBudget=0").flipBudget());
        assertEquals(Integer.MAX_VALUE, AgentOptions.parse("flipBudget=2147483647").flipBudget());
    }

    @ParameterizedTest
    @ValueSource(strings = {"flipBudget=", "flipBudget=-1", "flipBudget=2147483648", "flipBudget=1e3", "flipBudget=ten",
            "flipBudget=99999999999"})
    void badFlipBudgetNamesTheValueAndTheRange(String text) {
        String message = assertThrows(IllegalArgumentException.class, () -> AgentOptions.parse(text)).getMessage();
        assertEquals("option '" + text + "': expected a whole number from 0 to 2147483647", message);
    }

    @ParameterizedTest
    @ValueSource(strings = {"backend=", "backend=plain", "backend=HOLDER", "backend=inline "})
    void unknownBackendNamesTheValueAndTheChoices(String text) {
        String message = assertThrows(IllegalArgumentException.class, () -> AgentOptions.parse(text)).getMessage();
        assertTrue(message.startsWith("option '" + text + "'"), message);
        assertTrue(message.endsWith("expected backend=holder or backend=inline"), message);
    }

    @Test
    void dumpCreatesTheDirectory() {
        Path dir = temp.resolve("a/b");
        assertEquals(dir.toAbsolutePath(), AgentOptions.parse("dump=" + dir).dump());
        assertTrue(Files.isDirectory(dir));
    }

    @ParameterizedTest
    @ValueSource(strings = {"verbose", "=x", ",", "dump=/tmp/x,", "dump"})
    void malformedOptionsNameTheOptionAndTheAcceptedOnes(String text) {
        String message = assertThrows(IllegalArgumentException.class, () -> AgentOptions.parse(text)).getMessage();
        assertTrue(message.contains("accepted options: " + AgentOptions.ACCEPTED)
                || message.contains("expected dump=<directory>"), message);
    }

    @Test
    void siteTablesAreReadUnlessTurnedOff() {
        assertTrue(AgentOptions.parse("").siteTables());
        assertTrue(AgentOptions.parse("siteTables=true").siteTables());
        assertFalse(AgentOptions.parse("siteTables=false").siteTables());
        String message = assertThrows(IllegalArgumentException.class, () -> AgentOptions.parse("siteTables=no"))
                .getMessage();
        assertEquals("option 'siteTables=no': expected siteTables=true or siteTables=false", message);
    }

    @Test
    void unknownOptionIsNamed() {
        String message = assertThrows(IllegalArgumentException.class, () -> AgentOptions.parse("bakend=inline"))
                .getMessage();
        assertTrue(message.contains("unknown option 'bakend'"), message);
    }

    @Test
    void repeatedOptionIsRefused() {
        String message = assertThrows(IllegalArgumentException.class,
                () -> AgentOptions.parse("dump=" + temp + ",dump=" + temp)).getMessage();
        assertTrue(message.contains("given twice"), message);
    }

    @Test
    void dumpOntoARegularFileIsRefused() throws Exception {
        Path file = Files.createFile(temp.resolve("file"));
        String message = assertThrows(IllegalArgumentException.class, () -> AgentOptions.parse("dump=" + file))
                .getMessage();
        assertTrue(message.contains("cannot create directory"), message);
    }

    @Test
    void emptyDumpValueIsRefused() {
        String message = assertThrows(IllegalArgumentException.class, () -> AgentOptions.parse("dump=")).getMessage();
        assertTrue(message.contains("option 'dump' has no value"), message);
    }
}
