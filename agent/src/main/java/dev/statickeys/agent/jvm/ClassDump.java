package dev.statickeys.agent.jvm;

import dev.statickeys.agent.Reports;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The {@code dump=<dir>} option: every class file the agent hands to the JVM is written to
 * {@code <dir>/<internal/name>.class} (a later version of a class replaces the earlier one), so anyone
 * can {@code javap -c -p} the result.
 *
 * <p>Writes stay inside the directory. The class name comes from whoever defines the class (any code
 * can call {@code defineClass} with a name such as {@code .tmp.x.Escape}, which the JVM hands to the
 * transformer as {@code /tmp/x/Escape} before it checks the name), so it is checked as a binary class
 * name in internal form ({@link #isInternalName}), and the file it resolves to must lie under the
 * directory, also after symbolic links are followed. A name that fails either check is reported once
 * per class with the directory, and nothing is written; the class itself loads as it would have.
 *
 * <p>Never throws: a directory that cannot be written (disk full, permissions) is reported once, and
 * the class is handed to the JVM all the same.
 */
final class ClassDump {
    private final Path directory;

    /** @param directory an existing directory (the option's parsing creates it) */
    ClassDump(Path directory) {
        this.directory = directory.toAbsolutePath().normalize();
    }

    /**
     * Writes {@code bytes} as the class file of {@code className} (internal form), or reports why not.
     * Safe inside {@code transform}: loads no application class and never throws.
     */
    void write(String className, byte[] bytes) {
        Path file = fileOf(className);
        if (file == null) {
            refuse(className);
            return;
        }
        Path temporary = null;
        try {
            Path parent = Files.createDirectories(file.getParent());
            // A symbolic link planted inside the directory must not carry the write outside it.
            if (!parent.toRealPath().startsWith(directory.toRealPath())) {
                refuse(className);
                return;
            }
            temporary = Files.createTempFile(parent, ".dump", ".tmp");
            Files.write(temporary, bytes);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            temporary = null;
        } catch (IOException | RuntimeException e) {
            Reports.once("dump:" + directory, Level.WARNING, "cannot write patched classes to " + directory + ": " + e
                    + "; classes load without their dumps");
        } finally {
            deleteQuietly(temporary);
        }
    }

    /** The file for {@code className} under the directory, or null if the name is not a class name or escapes. */
    Path fileOf(String className) {
        if (!isInternalName(className)) {
            return null;
        }
        try {
            Path file = directory.resolve(className + ".class").normalize();
            return file.startsWith(directory) && !file.equals(directory) ? file : null;
        } catch (InvalidPathException e) {
            return null;
        }
    }

    /**
     * Whether {@code name} is a class name in internal form (JVMS 4.2.1): one or more unqualified names
     * separated by {@code /}, none of them empty, none containing {@code .}, {@code ;}, {@code [} or
     * {@code /}. So no absolute path, no {@code .} or {@code ..} segment, no empty segment. NUL, which
     * no file name may hold, is refused as well.
     */
    static boolean isInternalName(String name) {
        if (name == null || name.isEmpty()) {
            return false;
        }
        int segmentStart = 0;
        for (int i = 0; i <= name.length(); i++) {
            char c = i == name.length() ? '/' : name.charAt(i);
            if (c == '/') {
                if (i == segmentStart) {
                    return false; // leading, trailing or doubled separator
                }
                segmentStart = i + 1;
            } else if (c == '.' || c == ';' || c == '[' || c == '\0') {
                return false;
            }
        }
        return true;
    }

    private void refuse(String className) {
        StringBuilder shown = new StringBuilder();
        for (char c : className.toCharArray()) {
            // The name is the definer's: keep it to one line of the report.
            shown.append(c == '/' ? "." : c < 0x20 || c == 0x7f ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        Reports.once("dump-name:" + className, Level.WARNING, "class " + shown + " is not dumped: its name is not a"
                + " binary class name that stays inside the dump directory " + directory + "; the class loads"
                + " as usual");
    }

    private static void deleteQuietly(Path temporary) {
        if (temporary == null) {
            return;
        }
        try {
            Files.deleteIfExists(temporary);
        } catch (IOException | RuntimeException e) {
            // Already reported through the write's failure; a stray temporary file is all that is left.
        }
    }
}
