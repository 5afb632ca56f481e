package dev.statickeys.benchmarks;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** Runs a child JVM, echoing its stdout and stderr (merged) with a prefix; returns its lines. */
final class ChildJvm {
    private ChildJvm() {}

    /** The agent jar named by {@code args[0]}; exits with a usage message if it is missing. */
    static Path agentJar(String[] args, String usage) {
        if (args.length < 1) {
            System.err.println("usage: " + usage);
            System.exit(2);
        }
        Path agent = Path.of(args[0]).toAbsolutePath();
        if (!Files.isRegularFile(agent)) {
            System.err.println("no agent jar at " + agent);
            System.exit(2);
        }
        return agent;
    }

    /** The {@code java} launcher of this JVM, printed with its version. */
    static String java(Path agent) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        System.out.println("# java " + System.getProperty("java.version") + " (" + java + "), agent " + agent);
        return java;
    }

    static List<String> run(List<String> command, String prefix) throws IOException, InterruptedException {
        return run(command, prefix, line -> true);
    }

    /** As {@link #run(List, String)}, echoing only the lines {@code echo} accepts. */
    static List<String> run(List<String> command, String prefix, Predicate<String> echo)
            throws IOException, InterruptedException {
        System.out.println(prefix + "$ " + String.join(" ", command));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = reader.readLine()) != null; ) {
                lines.add(line);
                if (echo.test(line)) {
                    System.out.println(prefix + line);
                }
            }
        }
        int exit = process.waitFor();
        if (exit != 0) {
            System.out.println(prefix + "(child exited with " + exit + ")");
        }
        return lines;
    }
}
