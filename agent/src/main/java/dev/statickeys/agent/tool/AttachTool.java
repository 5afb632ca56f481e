package dev.statickeys.agent.tool;

import dev.statickeys.agent.ops.Command;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * {@code java -jar statickeys-agent.jar <pid> list|enable|disable <key>}: controls the statickeys keys of
 * a running JVM of the same user, loading the agent into it when it is not there yet. Exit status 0 on
 * success, 1 when the target refused or could not be reached, 2 for bad arguments.
 *
 * <p>This class does not touch {@code com.sun.tools.attach}; {@link Attacher} does, and is loaded only
 * once the {@code jdk.attach} module is known to be present.
 */
public final class AttachTool {
    public static final String USAGE = "java -jar statickeys-agent.jar <pid> list | <pid> enable <key> | <pid> disable <key>";

    private AttachTool() {}

    /** Whether {@code first} (the first argument of the jar's main) is a process id, selecting this tool. */
    public static boolean selects(String first) {
        return first.matches("[0-9]+");
    }

    /** Runs the command; returns the exit status. */
    public static int run(String[] args, Path agentJar, PrintStream out, PrintStream err) {
        String problem = check(args);
        if (problem != null) {
            err.println("statickeys: " + problem);
            err.println("usage: " + USAGE);
            return 2;
        }
        if (ModuleLayer.boot().findModule("jdk.attach").isEmpty()) {
            err.println("statickeys: this java (" + System.getProperty("java.home") + ") has no jdk.attach module,"
                    + " which attaching to another JVM needs; run the command with the java of a full JDK");
            return 1;
        }
        long pid = Long.parseLong(args[0]);
        if (pid == ProcessHandle.current().pid()) {
            err.println("statickeys: process " + pid + " is this command's own JVM; give the pid of the JVM to control");
            return 1;
        }
        return Attacher.run(pid, args[1], args.length > 2 ? args[2] : null, agentJar, out, err);
    }

    private static String check(String[] args) {
        if (args.length < 2) {
            return "missing command after the pid " + Arrays.toString(args);
        }
        try {
            Long.parseLong(args[0]);
        } catch (NumberFormatException e) {
            return "'" + args[0] + "' is not a process id";
        }
        String operation = args[1];
        if (!Command.OPERATIONS.contains(operation)) {
            return "unknown command '" + operation + "'; expected one of " + Command.OPERATIONS;
        }
        int expected = operation.equals("list") ? 2 : 3;
        if (args.length != expected) {
            return "'" + operation + "' takes " + (expected - 2) + " argument" + (expected == 3 ? " (the key name)" : "s")
                    + ", got " + (args.length - 2);
        }
        return null;
    }
}
