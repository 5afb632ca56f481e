package dev.statickeys.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.statickeys.testing.ForkedJvm;
import dev.statickeys.testing.LargeTables;
import dev.statickeys.agent.table.TableReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Table merging on the class-loading path, in a forked JVM: a class recorded by two tables (two class
 * path entries) with its sites in opposite orders loads in bounded time, checked against the merged
 * record, and its sites follow their key.
 */
class LargeTablesIT {
    private static final String CLASS = "big.Sites";
    private static final int SITES = 30_000;

    @TempDir
    Path temp;

    @Test
    void aClassRecordedTwiceInOppositeOrdersLoadsInBoundedTimeWithItsSitesChecked() throws Exception {
        List<String> methods = LargeTables.methods(SITES);
        String key = FlipMain.class.getName();
        Path first = temp.resolve("first");
        Path second = temp.resolve("second");
        for (Path directory : List.of(first, second)) {
            Files.createDirectories(directory.resolve(TableReader.RESOURCE).getParent());
            Files.writeString(directory.resolve(TableReader.RESOURCE),
                    LargeTables.table(CLASS, methods, key, "KEY", directory == second));
        }
        Files.createDirectories(first.resolve("big"));
        Files.write(first.resolve("big/Sites.class"), LargeTables.classFile(CLASS, methods, key, "KEY"));
        long tableBytes = Files.size(first.resolve(TableReader.RESOURCE)) + Files.size(second.resolve(TableReader.RESOURCE));
        assertTrue(tableBytes > 2_000_000, "megabytes of tables: " + tableBytes);

        // The forked JVM's timeout is the generous bound; it turns a quadratic merge into a failure.
        ForkedJvm.Result result = ForkedJvm.run(List.of("-javaagent:" + ForkedJvm.agentJar() + "=backend="
                + System.getProperty("it.statickeys.backend", "holder")), LargeTableMain.class.getName(), 120, CLASS,
                methods.get(0), methods.get(SITES - 1), first.toString(), second.toString());
        assertEquals(0, result.exitCode, result.toString());
        Matcher took = Pattern.compile("first load of big.Sites took ([0-9.]+) ms").matcher(result.stdout);
        assertTrue(took.find(), result.toString());
        System.out.printf("LargeTablesIT: %d sites, %.1f MB of tables, first load %s ms%n", SITES, tableBytes / 1e6,
                took.group(1));
        assertTrue(result.stdout.contains("sites before/after enable: false/false true/true"), result.toString());
        assertTrue(result.stdout.matches("(?s).*classesCheckedAgainstTable=[1-9].*"), result.toString());
        assertTrue(result.stdout.contains("tableMismatches=0"), result.toString());
        assertTrue(result.stdout.contains("classesSkippedByTable=") && !result.stderr.contains("recorded differently"),
                result.toString());
    }
}
