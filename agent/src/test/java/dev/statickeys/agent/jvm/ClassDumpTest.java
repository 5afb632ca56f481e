package dev.statickeys.agent.jvm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.statickeys.testing.LogCapture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ClassDumpTest {
    private static final byte[] BYTES = {(byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE, 1, 2, 3};

    @TempDir
    Path temp;

    @ParameterizedTest
    @ValueSource(strings = {"p/Q", "Q", "p/q/Outer$Inner", "p/\u00e9t\u00e9/Caf\u00e9", "p/-/Q"})
    void internalNamesAreDumpedUnderTheDirectory(String name) throws Exception {
        Path dump = Files.createDirectories(temp.resolve("dump"));
        new ClassDump(dump).write(name, BYTES);
        assertArrayEquals(BYTES, Files.readAllBytes(dump.resolve(name + ".class")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/tmp/x/Escape", "../Escape", "p/../../Escape", "p/./Q", "./Q", "..", "p//Q", "p/Q/",
            "/", "p/Q.x", "[Lp/Q;", "p/Q;", "p/\u0000/Q", ".tmp.x.Escape", "p\\..\\Q"})
    void namesThatAreNotInternalClassNamesAreRefused(String name) {
        assertFalse(ClassDump.isInternalName(name), name);
        assertNull(new ClassDump(temp).fileOf(name), name);
    }

    @Test
    void anEscapingNameIsReportedOnceNamingTheClassAndTheDirectoryAndNothingIsWritten() throws Exception {
        Path dump = Files.createDirectories(temp.resolve("dump"));
        Path outside = Files.createDirectories(temp.resolve("outside"));
        ClassDump classDump = new ClassDump(dump);
        try (LogCapture log = new LogCapture()) {
            classDump.write("../outside/EscapeOnce", BYTES);
            classDump.write("../outside/EscapeOnce", BYTES);
            classDump.write("../outside/Marker", BYTES); // reports arrive in order: once it is in, so are they
            assertNotNull(log.await("Marker", 10));
            String report = log.await("EscapeOnce", 0);
            assertEquals("statickeys: class ...outside.EscapeOnce is not dumped: its name is not a binary class name that stays"
                    + " inside the dump directory " + dump.toAbsolutePath() + "; the class loads as usual", report);
            assertEquals(1, log.count("EscapeOnce"));
        }
        assertEquals(List.of(), list(outside));
        assertEquals(List.of(), list(dump));
    }

    @Test
    void aSymbolicLinkInsideTheDirectoryDoesNotCarryAWriteOutside() throws Exception {
        Path dump = Files.createDirectories(temp.resolve("dump"));
        Path outside = Files.createDirectories(temp.resolve("outside"));
        Files.createSymbolicLink(dump.resolve("p"), outside);
        new ClassDump(dump).write("p/Linked", BYTES);
        assertEquals(List.of(), list(outside));
    }

    @Test
    void anUnwritableDirectoryIsReportedOnceAndNeverThrows() throws Exception {
        Path dump = Files.createDirectories(temp.resolve("blocked"));
        Files.createFile(dump.resolve("p")); // a file where the package directory should go
        ClassDump classDump = new ClassDump(dump);
        try (LogCapture log = new LogCapture()) {
            classDump.write("p/A", BYTES);
            classDump.write("p/B", BYTES);
            classDump.write("../Marker2", BYTES); // reports arrive in order: once it is in, so are they
            assertNotNull(log.await("Marker2", 10));
            assertEquals(1, log.count("cannot write patched classes to " + dump.toAbsolutePath()));
        }
        assertTrue(Files.isRegularFile(dump.resolve("p")));
        assertEquals(List.of(dump.resolve("p")), list(dump)); // no temporary file left behind
    }

    @Test
    void aLaterVersionReplacesTheEarlierOne() throws Exception {
        ClassDump classDump = new ClassDump(temp);
        classDump.write("p/Q", new byte[] {1});
        classDump.write("p/Q", BYTES);
        assertArrayEquals(BYTES, Files.readAllBytes(temp.resolve("p/Q.class")));
        assertEquals(List.of(temp.resolve("p/Q.class")), list(temp.resolve("p")));
    }

    private static List<Path> list(Path directory) throws Exception {
        try (Stream<Path> files = Files.list(directory)) {
            return files.sorted().toList();
        }
    }
}
