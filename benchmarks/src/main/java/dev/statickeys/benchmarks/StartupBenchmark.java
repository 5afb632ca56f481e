package dev.statickeys.benchmarks;

import dev.statickeys.StaticKey;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * What does {@code -javaagent} add to a JVM's start? Each invocation runs a trivial {@code main} in a new
 * JVM (this JVM's {@code java}, default flags) and waits for it to exit: {@link Empty} returns at once,
 * {@link OneSite} defines a key and runs one site (so the agent patches a class). {@code agent} is
 * {@code none}; {@code floor}, a do-nothing agent ({@link FloorAgent} with a transformer that returns null:
 * what any agent costs the JVM, the floor the statickeys agent is judged against); or the agent jar named by
 * {@code -Dbench.statickeys.agent} with its default settings ({@code holder}: no options at all, so the
 * agent waits for the first class naming the API, as users' JVMs without settings do) or with
 * {@code backend=inline}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class StartupBenchmark {
    @Param({"none", "floor", "holder", "inline"})
    public String agent;

    @Param({"Empty", "OneSite"})
    public String program;

    private List<String> command;

    @Setup
    public void prepare() throws IOException {
        command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        if (agent.equals("floor")) {
            command.add("-javaagent:" + floorAgentJar() + "=unchangedTransformer");
        } else if (!agent.equals("none")) {
            String jar = System.getProperty("bench.statickeys.agent");
            if (jar == null || !Files.isRegularFile(Path.of(jar))) {
                throw new IOException("the start-up benchmark with agent=" + agent + " needs the agent jar in"
                        + " -Dbench.statickeys.agent=<path> (got " + jar + ")");
            }
            // holder is the default backend: no options, the start-up a JVM without settings gets.
            command.add("-javaagent:" + jar + (agent.equals("holder") ? "" : "=backend=" + agent));
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(StartupBenchmark.class.getName() + "$" + program);
    }

    /** The jar that holds {@link FloorAgent}: the benchmarks jar, whose manifest names it as Premain-Class. */
    private static String floorAgentJar() throws IOException {
        try {
            Path jar = Path.of(FloorAgent.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (!Files.isRegularFile(jar)) {
                throw new IOException("agent=floor needs FloorAgent in a jar (the benchmarks jar); it was loaded from " + jar);
            }
            return jar.toString();
        } catch (java.net.URISyntaxException e) {
            throw new IOException("agent=floor: cannot locate the benchmarks jar: " + e.getMessage(), e);
        }
    }

    @Benchmark
    public int start() throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        int exit = process.waitFor();
        if (exit != 0) {
            throw new IllegalStateException(String.join(" ", command) + " exited with " + exit);
        }
        return exit;
    }

    /** A {@code main} that does nothing. */
    public static final class Empty {
        private Empty() {}

        public static void main(String[] args) {}
    }

    /** A {@code main} with one key and one site. */
    public static final class OneSite {
        static final StaticKey KEY = StaticKey.defineFalse("bench.startup");

        private OneSite() {}

        public static void main(String[] args) {
            if (KEY.isEnabled()) {
                System.out.println("enabled");
            }
        }
    }
}
