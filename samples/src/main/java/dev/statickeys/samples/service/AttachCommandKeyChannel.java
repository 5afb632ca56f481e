package dev.statickeys.samples.service;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Flips keys with the agent jar's attach command, as an operator would from a shell:
 * {@code java -jar statickeys-agent.jar <pid> enable|disable <key>}. Its output is echoed, each line
 * prefixed with {@code [attach]}; any exit status but 0 is a failure.
 */
final class AttachCommandKeyChannel implements KeyChannel {
    static final long TIMEOUT_SECONDS = 60;

    private final String java;
    private final Path agentJar;
    private final long pid;
    private final PrintStream out;

    AttachCommandKeyChannel(String java, Path agentJar, long pid, PrintStream out) {
        this.java = java;
        this.agentJar = agentJar;
        this.pid = pid;
        this.out = out;
    }

    @Override
    public String name() {
        return "attach command";
    }

    @Override
    public void enable(String key) throws ScenarioException {
        run("enable", key);
    }

    @Override
    public void disable(String key) throws ScenarioException {
        run("disable", key);
    }

    private void run(String action, String key) throws ScenarioException {
        List<String> command = List.of(java, "-jar", agentJar.toString(), Long.toString(pid), action, key);
        String shown = String.join(" ", command);
        out.println("  [attach] $ " + shown);
        try {
            // Output to a file rather than a pipe: nothing to drain while waiting with a timeout.
            Path log = Files.createTempFile("statickeys-attach", ".log");
            try {
                Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                        .start();
                boolean finished = process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                if (!finished) {
                    process.destroyForcibly();
                }
                String output = Files.readString(log, StandardCharsets.UTF_8).strip();
                output.lines().forEach(line -> out.println("  [attach] " + line));
                check(shown, finished ? process.exitValue() : -1, output);
            } finally {
                Files.deleteIfExists(log);
            }
        } catch (IOException e) {
            throw new ScenarioException("attach command: cannot run `" + shown + "`: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ScenarioException("attach command: interrupted while waiting for `" + shown + "`", e);
        }
    }

    private static void check(String shown, int status, String output) throws ScenarioException {
        if (status == -1) {
            throw new ScenarioException("attach command: `" + shown + "` did not finish in " + TIMEOUT_SECONDS
                    + " s and was killed");
        }
        if (status != 0) {
            // The launcher's own notices (JAVA_TOOL_OPTIONS and the like) come first and say nothing.
            String firstLine = output.lines().filter(line -> !line.matches("(NOTE: )?Picked up \\w+: .*")).findFirst()
                    .orElse("no output");
            throw new ScenarioException("attach command: `" + shown + "` exited with status " + status + ": "
                    + firstLine);
        }
    }
}
