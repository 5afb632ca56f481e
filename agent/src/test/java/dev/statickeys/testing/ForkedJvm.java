package dev.statickeys.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Starts a JVM the way users do: the same java, {@code -javaagent:} on the built jar, a main class. */
public final class ForkedJvm {
    /** The result of one run. */
    public static final class Result {
        public final int exitCode;
        public final String stdout;
        public final String stderr;

        Result(int exitCode, String stdout, String stderr) {
            this.exitCode = exitCode;
            this.stdout = stdout;
            this.stderr = stderr;
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
        }
    }

    private ForkedJvm() {}

    /** A result of a process started elsewhere. */
    public static Result result(int exitCode, String stdout, String stderr) {
        return new Result(exitCode, stdout, stderr);
    }

    /** The built agent jar (set by the failsafe configuration). */
    public static Path agentJar() {
        String jar = System.getProperty("it.statickeys.agentJar");
        if (jar == null) {
            throw new IllegalStateException("it.statickeys.agentJar is not set: run agent tests with mvn verify");
        }
        return Path.of(jar);
    }

    /**
     * Runs {@code mainClass} with this JVM's class path and the given JVM options, waiting at most
     * {@code timeoutSeconds}.
     */
    public static Result run(List<String> jvmOptions, String mainClass, long timeoutSeconds, String... args)
            throws IOException, InterruptedException {
        return run(jvmOptions, List.of(), mainClass, timeoutSeconds, args);
    }

    /** As {@link #run(List, String, long, String...)}, with {@code classPathFirst} before this JVM's class path. */
    public static Result run(List<String> jvmOptions, List<Path> classPathFirst, String mainClass, long timeoutSeconds,
            String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(jvmOptions);
        command.add("-cp");
        StringBuilder classPath = new StringBuilder();
        for (Path entry : classPathFirst) {
            classPath.append(entry).append(java.io.File.pathSeparatorChar);
        }
        command.add(classPath + System.getProperty("java.class.path"));
        command.add(mainClass);
        command.addAll(List.of(args));
        return start(command, timeoutSeconds);
    }

    /**
     * As {@link #run(List, String, long, String...)}, with exactly {@code classPath} as the class path (nothing of
     * this JVM's): for programs that must see only what a deployment puts on it, such as a servlet container.
     */
    public static Result runOnClassPath(List<String> jvmOptions, List<Path> classPath, String mainClass,
            long timeoutSeconds, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(jvmOptions);
        command.add("-cp");
        command.add(classPath.stream().map(Path::toString)
                .collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator)));
        command.add(mainClass);
        command.addAll(List.of(args));
        return start(command, timeoutSeconds);
    }

    /** Runs {@code java -jar <the agent jar> args}, as a user runs the agent jar's tools. */
    public static Result runAgentJar(long timeoutSeconds, String... args) throws IOException, InterruptedException {
        return runAgentJar(timeoutSeconds, List.of(), args);
    }

    /** Runs {@code java -jar <jar> args}. */
    public static Result runJar(long timeoutSeconds, Path jar, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("-jar", jar.toString()));
        command.addAll(List.of(args));
        return start(command, timeoutSeconds);
    }

    /** As {@link #runAgentJar(long, String...)}, with JVM options before {@code -jar}. */
    public static Result runAgentJar(long timeoutSeconds, List<String> jvmOptions, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(jvmOptions);
        command.add("-jar");
        command.add(agentJar().toString());
        command.addAll(List.of(args));
        return start(command, timeoutSeconds);
    }

    /** Runs {@code java <jvmOptions> -jar <jar> args}: for jars other than the agent jar as built. */
    public static Result runJar(Path jar, long timeoutSeconds, List<String> jvmOptions, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(jvmOptions);
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(List.of(args));
        return start(command, timeoutSeconds);
    }

    private static Result start(List<String> arguments, long timeoutSeconds) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(arguments);
        Path out = Files.createTempFile("statickeys-jvm", ".out");
        Path err = Files.createTempFile("statickeys-jvm", ".err");
        try {
            Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                throw new AssertionError("JVM did not finish in " + timeoutSeconds + " s: " + command);
            }
            return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
