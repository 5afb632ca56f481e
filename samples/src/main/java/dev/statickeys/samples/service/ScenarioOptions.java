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
 * @param service the order service's executable jar (statickeys-sample-service, built by Spring Boot's plugin)
 * @param requests requests per phase
 * @param java the {@code java} launcher for the child JVMs: this JVM's own
 */
record ScenarioOptions(Path agent, Path service, int requests, String java) {
    static final int DEFAULT_REQUESTS = 1000;
    static final int MAX_REQUESTS = 1_000_000;
    static final String USAGE = "usage: java -cp <statickeys-samples jar> " + Scenario.class.getName()
            + " --agent <statickeys-agent jar> --service <statickeys-sample-service jar> [--requests N]\n"
            + "  --agent     the agent jar the service JVM is started with (-javaagent) and whose attach command flips keys\n"
            + "  --service   the order service, a Spring Boot executable jar (java -jar)\n"
            + "  --requests  requests per phase, 1 to " + MAX_REQUESTS + " (default " + DEFAULT_REQUESTS
            + "; the warm-up sends twice as many)";

    /**
     * Reads {@code args}; null for {@code --help}.
     *
     * @throws IllegalArgumentException naming the argument that is missing, unknown or wrong
     */
    static ScenarioOptions parse(String[] args) {
        Path agent = null;
        Path service = null;
        int requests = DEFAULT_REQUESTS;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h")) {
                return null;
            }
            if (!arg.equals("--agent") && !arg.equals("--service") && !arg.equals("--requests")) {
                throw new IllegalArgumentException("unknown argument '" + arg + "'");
            }
            if (i + 1 == args.length) {
                throw new IllegalArgumentException(arg + " needs a value");
            }
            String value = args[++i];
            if (arg.equals("--agent")) {
                agent = Path.of(value);
            } else if (arg.equals("--service")) {
                service = Path.of(value);
            } else {
                requests = requests(value);
            }
        }
        if (agent == null) {
            throw new IllegalArgumentException("missing --agent <path to the statickeys-agent jar>");
        }
        if (service == null) {
            throw new IllegalArgumentException("missing --service <path to the statickeys-sample-service jar>");
        }
        checkJar("--agent", agent, "Premain-Class", "not a Java agent jar (its manifest has no Premain-Class);"
                + " expected statickeys-agent-<version>.jar");
        checkJar("--service", service, "Start-Class", "not a Spring Boot executable jar (its manifest has no"
                + " Start-Class); expected statickeys-sample-service-<version>.jar");
        return new ScenarioOptions(agent.toAbsolutePath(), service.toAbsolutePath(), requests, javaLauncher());
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

    /**
     * The jar must exist and its manifest name {@code attribute}: a typo should not surface as a child JVM
     * that fails to start.
     */
    private static void checkJar(String option, Path jar, String attribute, String otherwise) {
        if (!Files.exists(jar)) {
            throw new IllegalArgumentException(option + " " + jar + ": no such file");
        }
        if (!Files.isRegularFile(jar)) {
            throw new IllegalArgumentException(option + " " + jar + ": not a file");
        }
        try (JarFile file = new JarFile(jar.toFile())) {
            if (file.getManifest() == null || file.getManifest().getMainAttributes().getValue(attribute) == null) {
                throw new IllegalArgumentException(option + " " + jar + ": " + otherwise);
            }
        } catch (IOException e) {
            throw new IllegalArgumentException(option + " " + jar + ": not a jar file (" + e.getMessage() + ")");
        }
    }

    private static String javaLauncher() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }
}
