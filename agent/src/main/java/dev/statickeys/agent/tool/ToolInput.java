package dev.statickeys.agent.tool;

import dev.statickeys.agent.table.TableReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/** One {@code sites} argument: a jar or a directory of class files (a compiler's output). */
abstract class ToolInput implements AutoCloseable {
    final String name;

    private ToolInput(String name) {
        this.name = name;
    }

    /**
     * Opens {@code argument}.
     *
     * @throws IOException with a message saying what is wrong with it
     */
    static ToolInput open(String argument) throws IOException {
        Path path;
        try {
            path = Path.of(argument);
        } catch (RuntimeException e) {
            throw new IOException("not a valid path (" + e.getMessage() + ")");
        }
        if (Files.isDirectory(path)) {
            return new Directory(argument, path);
        }
        if (!Files.exists(path)) {
            throw new NoSuchFileException(argument, null, "no such file or directory");
        }
        try {
            return new Jar(argument, new ZipFile(path.toFile()));
        } catch (IOException e) {
            throw new IOException("not a jar or a directory (" + e.getMessage() + ")", e);
        }
    }

    /** The table's location as shown in messages. */
    String tableSource() {
        return name + "!/" + TableReader.RESOURCE;
    }

    /** The table's bytes (at most {@link TableReader#MAX_BYTES} + 1), or null if there is none. */
    final byte[] table() throws IOException {
        return classFile(TableReader.RESOURCE);
    }

    /** The file at {@code path} ({@code p/C.class}), at most {@link TableReader#MAX_BYTES} + 1 bytes of it, or null. */
    abstract byte[] classFile(String path) throws IOException;

    /** The paths of every class file, sorted, skipping {@code META-INF/} and module and package info. */
    abstract List<String> classFiles() throws IOException;

    @Override
    public void close() throws IOException {}

    static boolean isClassFile(String path) {
        return path.endsWith(".class") && !path.startsWith("META-INF/") && !path.endsWith("module-info.class")
                && !path.endsWith("package-info.class");
    }

    private static byte[] read(InputStream in) throws IOException {
        try (in) {
            return in.readNBytes(TableReader.MAX_BYTES + 1);
        }
    }

    private static final class Jar extends ToolInput {
        private final ZipFile zip;

        Jar(String name, ZipFile zip) {
            super(name);
            this.zip = zip;
        }

        @Override
        byte[] classFile(String path) throws IOException {
            ZipEntry entry = zip.getEntry(path);
            return entry == null || entry.isDirectory() ? null : read(zip.getInputStream(entry));
        }

        @Override
        List<String> classFiles() {
            List<String> paths = new ArrayList<>();
            zip.stream().map(ZipEntry::getName).filter(ToolInput::isClassFile).sorted().forEach(paths::add);
            return paths;
        }

        @Override
        public void close() throws IOException {
            zip.close();
        }
    }

    private static final class Directory extends ToolInput {
        private final Path root;

        Directory(String name, Path root) {
            super(name);
            this.root = root;
        }

        @Override
        String tableSource() {
            return root.resolve(TableReader.RESOURCE).toString();
        }

        @Override
        byte[] classFile(String path) throws IOException {
            Path file = root.resolve(path);
            return Files.isRegularFile(file) ? read(Files.newInputStream(file)) : null;
        }

        @Override
        List<String> classFiles() throws IOException {
            List<String> paths = new ArrayList<>();
            try (Stream<Path> files = Files.walk(root)) {
                files.filter(Files::isRegularFile)
                        .map(file -> root.relativize(file).toString().replace(java.io.File.separatorChar, '/'))
                        .filter(ToolInput::isClassFile)
                        .sorted()
                        .forEach(paths::add);
            }
            return paths;
        }
    }
}
