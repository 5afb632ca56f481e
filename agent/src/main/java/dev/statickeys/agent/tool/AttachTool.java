package dev.statickeys.agent.tool;

import java.io.PrintStream;
import java.nio.file.Path;

/**
 * {@code java -jar statickeys-agent.jar <pid> [--timeout=<time>] list|enable|disable <key>}: controls the
 * statickeys keys of a running JVM of the same user (or of any user, run as root), loading the agent
 * into it when it is not there yet. Exit status 0 on success, 1 when the target refused, could not be
 * reached or did not answer in time, 2 for bad arguments (checked before anything is sent).
 *
 * <p>This class does not touch {@code com.sun.tools.attach}; {@link Attacher} does, and is loaded only
 * once the {@code jdk.attach} module is known to be present.
 */
public final class AttachTool {
    public static final String USAGE = "java -jar statickeys-agent.jar <pid> [--timeout=<time>] list"
            + " | <pid> [--timeout=<time>] enable <key> | <pid> [--timeout=<time>] disable <key>";

    private AttachTool() {}

    /** Whether {@code first} (the first argument of the jar's main) is a process id, selecting this tool. */
    public static boolean selects(String first) {
        return first.matches("[0-9]+");
    }

    /** Runs the command; returns the exit status. */
    public static int run(String[] args, Path agentJar, PrintStream out, PrintStream err) {
        AttachRequest request;
        try {
            request = AttachRequest.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("statickeys: " + e.getMessage());
            err.println("usage: " + USAGE);
            return 2;
        }
        if (ModuleLayer.boot().findModule("jdk.attach").isEmpty()) {
            err.println("statickeys: this java (" + System.getProperty("java.home") + ") has no jdk.attach module,"
                    + " which attaching to another JVM needs; run the command with the java of a full JDK");
            return 1;
        }
        if (request.pid() == ProcessHandle.current().pid()) {
            err.println("statickeys: process " + request.pid() + " is this command's own JVM; give the pid of the JVM to control");
            return 1;
        }
        return Attacher.run(request, agentJar, out, err);
    }
}
