package dev.statickeys.benchmarks;

import dev.statickeys.StaticKey;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Does a loop that is already running see a flip, and what does the flip do to its speed? For each
 * backend this starts a child JVM (this JVM's {@code java}, {@code -javaagent:<agent>=backend=X}, this
 * class path) in which one thread enters {@link Child#spin()} once and never returns: every iteration
 * checks a site of a key that starts disabled and counts how many iterations saw it enabled. The child
 * prints iterations/s and the share of iterations that saw the key enabled over 1 s windows: 4 s, enable
 * the key, 4 s, disable it, 4 s; then the ratios of the mean rate after each flip to the mean rate before,
 * and whether the spinning frame ever saw the key enabled. ({@link Suite} runs it with shorter phases in smoke mode.) With {@code backend=holder} the frame is
 * expected to see the flip and stay compiled; with {@code backend=inline} the flip retransforms the class
 * under the running frame, which keeps its old code (never sees the flip) and runs interpreted, and the
 * agent warns and moves the class to holders.
 *
 * <p>Run from {@code /work/main} after {@code mvn -o -q -B install -DskipTests}:
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.statickeys.benchmarks.RunningLoopFlip agent/target/statickeys-agent-0.1.0-SNAPSHOT.jar
 * </pre>
 * Optional further arguments: the backends to run (default {@code holder inline}).
 */
public final class RunningLoopFlip {
    private RunningLoopFlip() {}

    public static void main(String[] args) throws Exception {
        Path agent = ChildJvm.agentJar(args, "RunningLoopFlip <agent jar> [backend...]");
        List<String> backends = args.length > 1 ? List.of(args).subList(1, args.length) : List.of("holder", "inline");
        List<Map<String, String>> results = measure(agent, backends, 4);
        System.out.println("## summary");
        results.forEach(System.out::println);
    }

    /**
     * Runs one child JVM per backend with {@code seconds} 1 s windows per phase; returns per backend its
     * {@code RESULT} fields: {@code backend}, {@code before} (iterations/s), {@code afterEnable} and
     * {@code afterDisable} (ratios to before), {@code sawEnabled}, {@code enableMs}, {@code disableMs}.
     */
    static List<Map<String, String>> measure(Path agent, List<String> backends, int seconds) throws Exception {
        String java = ChildJvm.java(agent);
        List<Map<String, String>> results = new ArrayList<>();
        for (String backend : backends) {
            System.out.println("## backend=" + backend);
            List<String> command = List.of(java, "-javaagent:" + agent + "=backend=" + backend,
                    "-cp", System.getProperty("java.class.path"), Child.class.getName(), Integer.toString(seconds));
            Map<String, String> result = new LinkedHashMap<>();
            result.put("backend", backend);
            for (String line : ChildJvm.run(command, "  ")) {
                if (line.startsWith("RESULT ")) {
                    for (String field : line.substring("RESULT ".length()).trim().split(" ")) {
                        int equals = field.indexOf('=');
                        result.put(field.substring(0, equals), field.substring(equals + 1));
                    }
                }
            }
            if (!result.containsKey("before")) {
                throw new IllegalStateException("the running-loop child for backend=" + backend + " printed no RESULT line");
            }
            results.add(result);
        }
        return results;
    }

    /** The child JVM: one thread spins in {@link #spin()}, main flips the key and reports. */
    public static final class Child {
        static final StaticKey KEY = StaticKey.defineFalse("bench.runningloop");
        static volatile boolean stop;
        /** Published by the spinner every 2^16 iterations. */
        static volatile long iterations;
        static volatile long enabledIterations;

        private Child() {}

        /** Entered once; returns only when {@link #stop} is set. */
        static void spin() {
            long n = 0;
            long enabled = 0;
            while (!stop) {
                if (KEY.isEnabled()) {
                    enabled++;
                }
                n++;
                if ((n & 0xFFFF) == 0) {
                    enabledIterations = enabled;
                    iterations = n;
                }
            }
        }

        public static void main(String[] args) throws Exception {
            Thread spinner = new Thread(Child::spin, "spinner");
            spinner.setDaemon(true);
            spinner.start();
            int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 4;
            if (seconds < 2) {
                throw new IllegalArgumentException("windows per phase: " + seconds + "; expected at least 2 (the first is skipped)");
            }
            double before = phase("disabled", seconds);
            long flipStart = System.nanoTime();
            KEY.enable();
            double enableMs = (System.nanoTime() - flipStart) / 1e6;
            System.out.printf("enable took %.2f ms%n", enableMs);
            double enabled = phase("enabled ", seconds);
            long seenBeforeDisable = enabledIterations;
            flipStart = System.nanoTime();
            KEY.disable();
            double disableMs = (System.nanoTime() - flipStart) / 1e6;
            System.out.printf("disable took %.2f ms%n", disableMs);
            double disabledAgain = phase("disabled", seconds);
            stop = true;
            spinner.join(10_000);
            System.out.println("agent statistics: " + FlipCostBenchmark.agentStatistics());
            System.out.printf(java.util.Locale.ROOT, "RESULT before=%.4g afterEnable=%.3f afterDisable=%.3f"
                    + " sawEnabled=%s iterationsSawEnabled=%d enableMs=%.2f disableMs=%.2f%n", before, enabled / before,
                    disabledAgain / before, seenBeforeDisable > 0, seenBeforeDisable, enableMs, disableMs);
            System.out.flush();
            System.exit(0);
        }

        /** Prints {@code seconds} 1 s windows (the first is skipped in the mean); returns the mean rate. */
        private static double phase(String label, int seconds) throws InterruptedException {
            double sum = 0;
            for (int window = 0; window < seconds; window++) {
                long n0 = iterations;
                long e0 = enabledIterations;
                long t0 = System.nanoTime();
                Thread.sleep(1000);
                long n1 = iterations;
                long e1 = enabledIterations;
                long t1 = System.nanoTime();
                double rate = (n1 - n0) * 1e9 / (t1 - t0);
                double enabledShare = n1 == n0 ? 0 : (double) (e1 - e0) / (n1 - n0);
                System.out.printf("%s window %d: %.3g it/s, share seen enabled %.2f%n", label, window, rate,
                        enabledShare);
                if (window > 0) {
                    sum += rate;
                }
            }
            return sum / (seconds - 1);
        }
    }
}
