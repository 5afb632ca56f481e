package dev.statickeys.x86;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * gcc and GNU ld, for the tests that build a small kernel image the way the kernel is built. Tests call
 * {@link #require()}, which skips them, with a message on stderr and in the test report, when either is not
 * installed ({@code .ci/run} installs them).
 */
final class Toolchain {
    /** Flags of a kernel build that matter here: no PIC, the kernel code model, no red zone, no unwind tables. */
    static final List<String> CFLAGS = List.of("-O2", "-ffreestanding", "-fno-pic", "-fno-pie", "-mcmodel=kernel",
            "-mno-red-zone", "-fno-asynchronous-unwind-tables", "-fno-stack-protector", "-fcf-protection=none",
            "-fno-jump-tables");
    private static final String RESOURCES = "/dev/statickeys/x86/gcc/";

    private Toolchain() {}

    static String executable(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return null;
    }

    static void require() {
        List<String> missing = new ArrayList<>();
        for (String tool : List.of("gcc", "ld")) {
            if (executable(tool) == null) {
                missing.add(tool);
            }
        }
        if (!missing.isEmpty()) {
            String message = missing + " not installed (apt-get install gcc binutils; .ci/run does): the tests on"
                    + " images built by gcc and GNU ld are SKIPPED";
            System.err.println("statickeys x86 tests: " + message);
            assumeTrue(false, message);
        }
    }

    /** Copies the test sources (C files, header, linker script) into {@code directory}. */
    static void sources(Path directory, String... names) throws IOException {
        for (String name : names) {
            try (InputStream in = Toolchain.class.getResourceAsStream(RESOURCES + name)) {
                if (in == null) {
                    throw new IOException("no test resource " + RESOURCES + name);
                }
                Files.write(directory.resolve(name), in.readAllBytes());
            }
        }
    }

    /** Compiles {@code source} in {@code directory} to an object file, with {@link #CFLAGS} and {@code extra}. */
    static Path compile(Path directory, String source, String... extra) throws IOException, InterruptedException {
        Path object = directory.resolve(source.replaceFirst("\\.c$", ".o"));
        List<String> command = new ArrayList<>(List.of(executable("gcc")));
        command.addAll(CFLAGS);
        command.addAll(List.of(extra));
        command.addAll(List.of("-c", "-o", object.toString(), directory.resolve(source).toString()));
        run(command);
        return object;
    }

    /** Links {@code objects} with {@code ld -static -nostdlib -T script}. */
    static Path link(Path directory, String script, Path... objects) throws IOException, InterruptedException {
        Path output = directory.resolve("vmlinux");
        List<String> command = new ArrayList<>(List.of(executable("ld"), "-static", "-nostdlib", "-T",
                directory.resolve(script).toString(), "-o", output.toString()));
        for (Path object : objects) {
            command.add(object.toString());
        }
        run(command);
        return output;
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed:\n" + output);
        }
    }
}
