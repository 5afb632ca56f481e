package dev.statickeys.samples.service;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarFile;

/**
 * The {@link Scenario}'s command line, checked up front so that a wrong path fails with one clear line
 * before any JVM is started.
 *
 * @param agent the statickeys agent jar
 * @param requests requests per phase
 * @param java the {@code java} launcher for the child JVMs: this JVM's own
 * @param classPath the class path of the service JVM: this JVM's own
 */
record ScenarioOptions(Path agent, int requests, String java, String classPath) {
    static final int DEFAULT_REQUESTS = 1000;
    static final int MAX_REQUESTS = 1_000_000;
    static final String USAGE = "usage: java -cp <statickeys-api jar>:<statickeys-samples jar> "
            + Scenario.class.getName() + " --agent <statickeys-agent jar> [--requests N]\n"
            + "  --agent     the agent jar the service JVM is started with (-javaagent) and whose attach command flips keys\n"
            + "  --requests  requests per phase, 1 to " + MAX_REQUESTS + " (default " + DEFAULT_REQUESTS
            + "; the warm-up sends twice as many)";

    /**
     * Reads {@code args}; null for {@code --help}.
     *
     * @throws IllegalArgumentException naming the argument that is missing, unknown or wrong
     */
    static ScenarioOptions parse(String[] args) {
        Path agent = null;
        int requests = DEFAULT_REQUESTS;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h")) {
                return null;
            }
            if (!arg.equals("--agent") && !arg.equals("--requests")) {
                throw new IllegalArgumentException("unknown argument '" + arg + "'");
            }
            if (i + 1 == args.length) {
                throw new IllegalArgumentException(arg + " needs a value");
            }
            String value = args[++i];
            if (arg.equals("--agent")) {
                agent = Path.of(value);
            } else {
                requests = requests(value);
            }
        }
        if (agent == null) {
            throw new IllegalArgumentException("missing --agent <path to the statickeys-agent jar>");
        }
        checkAgent(agent);
        return new ScenarioOptions(agent.toAbsolutePath(), requests, javaLauncher(), currentClassPath());
    }

    private static int requests(String value) {
        try {
            int requests = Integer.parseInt(value);
            if (requests >= 1 && requests <= MAX_REQUESTS) {
                return requests;
            }
        } catch (NumberFormatException e) {
            // reported below, as for a number out of range
        }
        throw new IllegalArgumentException("--requests " + value + ": expected a whole number from 1 to " + MAX_REQUESTS);
    }

    /** The jar must exist and be an agent: a typo should not surface as a child JVM that fails to start. */
    private static void checkAgent(Path agent) {
        if (!Files.exists(agent)) {
            throw new IllegalArgumentException("--agent " + agent + ": no such file");
        }
        if (!Files.isRegularFile(agent)) {
            throw new IllegalArgumentException("--agent " + agent + ": not a file");
        }
        try (JarFile jar = new JarFile(agent.toFile())) {
            if (jar.getManifest() == null || jar.getManifest().getMainAttributes().getValue("Premain-Class") == null) {
                throw new IllegalArgumentException("--agent " + agent + ": not a Java agent jar (its manifest has no"
                        + " Premain-Class); expected statickeys-agent-<version>.jar");
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("--agent " + agent + ": not a jar file (" + e.getMessage() + ")");
        }
    }

    private static String javaLauncher() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    private static String currentClassPath() {
        String classPath = System.getProperty("java.class.path", "");
        if (classPath.isEmpty()) {
            throw new IllegalArgumentException("this JVM has no class path to give the service JVM; run the"
                    + " scenario with -cp <statickeys-api jar>:<statickeys-samples jar>");
        }
        return classPath;
    }
}
