package dev.statickeys.samples.service;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The order service in a child JVM. Its standard output is echoed with the prefix {@code [service]}
 * and watched for the ready line; its error output goes straight to ours (agent warnings, a failed start).
 * The child is killed by {@link #close()}, and by a shutdown hook should this JVM end first, so it never
 * outlives the scenario.
 */
final class ServiceProcess implements AutoCloseable {
    static final Pattern READY = Pattern.compile("listening on port (\\d+) pid (\\d+)");
    static final long START_SECONDS = 120;
    static final long STOP_SECONDS = 20;

    private final Process process;
    private final Thread killer;
    private int port;

    private ServiceProcess(Process process) {
        this.process = process;
        this.killer = new Thread(process::destroyForcibly, "kill-order-service");
        Runtime.getRuntime().addShutdownHook(killer);
    }

    /** Starts {@code command} and returns once it printed its ready line. */
    static ServiceProcess start(List<String> command, PrintStream out) throws ScenarioException {
        Process process;
        try {
            process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        } catch (IOException e) {
            throw new ScenarioException("cannot start the service JVM `" + String.join(" ", command) + "`: "
                    + e.getMessage(), e);
        }
        ServiceProcess service = new ServiceProcess(process);
        try {
            service.port = service.awaitReady(out);
            return service;
        } catch (ScenarioException | RuntimeException e) {
            service.close();
            throw e;
        }
    }

    int port() {
        return port;
    }

    long pid() {
        return process.pid();
    }

    /** Asks the service to stop (the actuator's {@code POST /actuator/shutdown}) and returns its exit status. */
    int stop(ServiceClient client) throws ScenarioException {
        client.expect(200, "POST", "/actuator/shutdown", null);
        try {
            if (!process.waitFor(STOP_SECONDS, TimeUnit.SECONDS)) {
                throw new ScenarioException("the service JVM (pid " + pid() + ") did not exit within " + STOP_SECONDS
                        + " s of POST /actuator/shutdown");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ScenarioException("interrupted while waiting for the service JVM to exit", e);
        }
        return process.exitValue();
    }

    /** Kills the child if it still runs and waits for it to be gone. */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(STOP_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            Runtime.getRuntime().removeShutdownHook(killer);
        } catch (IllegalStateException e) {
            // This JVM is shutting down: the hook runs (or ran) and kills the child anyway.
        }
    }

    private int awaitReady(PrintStream out) throws ScenarioException {
        CompletableFuture<Integer> ready = new CompletableFuture<>();
        Thread reader = new Thread(() -> echo(out, ready), "service-stdout");
        reader.setDaemon(true);
        reader.start();
        try {
            return ready.get(START_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new ScenarioException("the service JVM (pid " + pid() + ") printed no 'listening on port' line"
                    + " within " + START_SECONDS + " s", e);
        } catch (ExecutionException e) {
            throw new ScenarioException(e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ScenarioException("interrupted while waiting for the service JVM to start", e);
        }
    }

    /** Echoes the child's output line by line; completes {@code ready} with the port of its ready line. */
    private void echo(PrintStream out, CompletableFuture<Integer> ready) {
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                out.println("  [service] " + line);
                Matcher matcher = READY.matcher(line);
                if (matcher.matches()) {
                    ready.complete(Integer.parseInt(matcher.group(1)));
                }
            }
        } catch (IOException e) {
            // The stream closes when the child dies; the state is reported below.
        }
        if (!ready.isDone()) {
            String status = exitStatus();
            ready.completeExceptionally(new ScenarioException("the service JVM (pid " + pid() + ") " + status
                    + " before it printed its 'listening on port' line (its error output is above)"));
        }
    }

    /** Its output ends when the child exits, but the exit status may take a moment longer to arrive. */
    private String exitStatus() {
        try {
            return process.waitFor(5, TimeUnit.SECONDS) ? "exited with status " + process.exitValue()
                    : "closed its output";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "closed its output";
        }
    }
}
