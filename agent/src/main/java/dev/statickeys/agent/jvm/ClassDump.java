package dev.statickeys.agent.jvm;

import dev.statickeys.agent.Reports;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The {@code dump=<dir>} option: every class file the agent hands to the JVM is written to
 * {@code <dir>/<internal/name>.class} (a later version of a class replaces the earlier one), so anyone
 * can {@code javap -c -p} the result.
 */
final class ClassDump {
    private final Path directory;

    ClassDump(Path directory) {
        this.directory = directory;
    }

    void write(String className, byte[] bytes) {
        Path file = directory.resolve(className + ".class");
        try {
            Files.createDirectories(file.getParent());
            Path temporary = Files.createTempFile(file.getParent(), ".dump", ".tmp");
            Files.write(temporary, bytes);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            Reports.once("dump:" + directory, Level.WARNING, "cannot write patched classes to " + directory + ": " + e);
        }
    }
}
