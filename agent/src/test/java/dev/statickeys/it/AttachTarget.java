package dev.statickeys.it;

import dev.statickeys.testing.ForkedJvm;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A forked JVM that attach commands control ({@link AttachTargetMain} or another main printing
 * {@code ready <pid>}), possibly started through a launcher ({@code setpriv}, {@code unshare}) that execs
 * it; its pid is the one it prints. Closing it closes its input, which ends it.
 */
final class AttachTarget implements AutoCloseable {
    /** JDK 21+ warns when an agent is loaded into a running JVM unless this is given (JEP 451); 17 lacks it. */
    static final List<String> DYNAMIC_AGENTS = List.of("-XX:+IgnoreUnrecognizedVMOptions", "-XX:+EnableDynamicAgentLoading");

    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    final long pid;

    private AttachTarget(List<String> command) throws IOException, InterruptedException {
        process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        Thread reader = new Thread(this::read);
        reader.setDaemon(true);
        reader.start();
        awaitLine("ready ");
        pid = jvmPid(process.toHandle());
    }

    /**
     * The JVM's pid as this JVM sees it: the launcher's own (it exec'd java) or that of a descendant
     * running java ({@code unshare --fork}); the pid the JVM prints may be another pid namespace's.
     */
    private static long jvmPid(ProcessHandle launched) {
        return Stream.concat(Stream.of(launched), launched.descendants())
                .filter(process -> process.info().command().orElse("").endsWith("/java"))
                .findFirst().orElseThrow(() -> new AssertionError("no java process under " + launched.pid()))
                .pid();
    }

    /** {@code main} with this JVM's class path and {@code jvmOptions} (plus {@link #DYNAMIC_AGENTS}). */
    static AttachTarget start(Class<?> main, List<String> jvmOptions, String... args) throws Exception {
        return start(List.of(), System.getProperty("java.class.path"), main, jvmOptions, args);
    }

    /** As {@link #start(Class, List, String...)}, through {@code launcher} and with {@code classPath}. */
    static AttachTarget start(List<String> launcher, String classPath, Class<?> main, List<String> jvmOptions,
            String... args) throws Exception {
        List<String> command = new ArrayList<>(launcher);
        command.add(java("java"));
        command.addAll(DYNAMIC_AGENTS);
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", classPath, main.getName()));
        command.addAll(List.of(args));
        return new AttachTarget(command);
    }

    /** A tool of this JVM's JDK ({@code java}, {@code jcmd}). */
    static String java(String tool) {
        return Path.of(System.getProperty("java.home"), "bin", tool).toString();
    }

    /** {@code -javaagent:} on the built jar, with the backend of this test run. */
    static String agent() {
        String backend = System.getProperty("it.statickeys.backend");
        return "-javaagent:" + ForkedJvm.agentJar() + (backend == null ? "" : "=backend=" + backend);
    }

    private void read() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                lines.add(line);
            }
        } catch (IOException e) {
            lines.add("read failed: " + e);
        }
    }

    /** Waits (bounded) for the target to print a line starting with {@code prefix}; returns it. */
    String awaitLine(String prefix) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        List<String> seen = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            String line = lines.poll(100, TimeUnit.MILLISECONDS);
            if (line != null) {
                seen.add(line);
                if (line.startsWith(prefix)) {
                    return line;
                }
            }
        }
        throw new AssertionError("the target never printed '" + prefix + "...'; it printed " + seen
                + (process.isAlive() ? "" : " and exited with " + process.exitValue()));
    }

    /** {@code jcmd <pid> <command>} (bounded). */
    ForkedJvm.Result jcmd(String... command) throws IOException, InterruptedException {
        List<String> line = new ArrayList<>(List.of(java("jcmd"), Long.toString(pid)));
        line.addAll(List.of(command));
        Path output = Files.createTempFile("statickeys-jcmd", ".out");
        try {
            Process jcmd = new ProcessBuilder(line).redirectErrorStream(true).redirectOutput(output.toFile()).start();
            if (!jcmd.waitFor(60, TimeUnit.SECONDS)) {
                jcmd.destroyForcibly();
                throw new AssertionError("jcmd " + pid + " " + String.join(" ", command) + " did not finish in 60 s");
            }
            return ForkedJvm.result(jcmd.exitValue(), Files.readString(output, StandardCharsets.UTF_8), "");
        } finally {
            Files.deleteIfExists(output);
        }
    }

    @Override
    public void close() throws Exception {
        process.getOutputStream().close();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
