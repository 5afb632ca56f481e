package dev.statickeys.benchmarks;

import dev.statickeys.StaticKey;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How many flips does a hot caller survive before HotSpot stops C2-compiling it? Every flip that
 * invalidates a C2-compiled method counts as a decompile of it; past {@code PerMethodRecompilationCutoff}
 * (default 400) HotSpot makes it not compilable at level 4 and it stays in C1 code for the rest of the
 * run. For each configuration this starts a child JVM ({@code -XX:+PrintCompilation}, and
 * {@code dontinline} on {@link Hot#spin} so the method whose count is at stake is {@code spin} itself)
 * in which a thread calls {@code Hot.spin(data)} over and over (a fresh call each time: a loop over
 * 4096 ints with a site of the key per element) while main flips the key {@value Child#FLIPS} times at
 * {@value Child#RATE} flips/s. The child prints {@code spin} calls/s over 1 s before the flips and over 1 s
 * starting 3 s after them (the flip count is even, so both are measured with the key disabled). The
 * parent reads PrintCompilation's {@code made not compilable} lines for {@code Hot::spin} and reports the
 * flip at which each appeared and the after/before ratio.
 *
 * <p>Configurations: {@code backend=holder,flipBudget=2147483647} (holders re-patched on every flip),
 * {@code backend=inline}, {@code backend=holder,flipBudget=50} (a holder re-patched 50 times switches to a
 * read of the key's MutableCallSite, so later flips retransform nothing; 50 is the agent's default) and
 * {@code backend=holder} (the defaults). With {@code backend=inline} the first flip finds the spinner
 * running {@code spin}, so the agent moves {@link Hot} to holders and the holder rules apply from then on.
 * An agent that rejects an option exits at start; that configuration is reported as skipped. The loop
 * is one C2 vectorizes while the key is a constant, so a holder that reads the key (after the budget)
 * or C1 code (after the cutoff) shows in calls/s.
 *
 * <p>Run from {@code /work/main} after {@code mvn -o -q -B install -DskipTests}:
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.statickeys.benchmarks.RecompilationCutoff agent/target/statickeys-agent-0.1.0-SNAPSHOT.jar
 * </pre>
 * Optional further arguments replace the configurations, each an agent option string, e.g.
 * {@code backend=holder,flipBudget=50}.
 */
public final class RecompilationCutoff {
    private RecompilationCutoff() {}

    private static final Pattern FLIP = Pattern.compile("^FLIP (\\d+)$");
    /** A PrintCompilation line: time, id, flags, level, method. */
    private static final Pattern COMPILE = Pattern.compile("^\\s*\\d+\\s+\\d+\\s+[%sbn!]*\\s*(\\d)\\s+\\S+::spin");
    private static final Pattern NOT_COMPILABLE = Pattern.compile("made not compilable on (level \\d+|all levels)");

    public static void main(String[] args) throws Exception {
        Path agent = ChildJvm.agentJar(args, "RecompilationCutoff <agent jar> [agent options...]");
        List<String> configurations = args.length > 1 ? List.of(args).subList(1, args.length)
                : List.of("backend=holder,flipBudget=2147483647", "backend=inline", "backend=holder,flipBudget=50",
                        "backend=holder");
        String java = ChildJvm.java(agent);
        List<String> summary = new ArrayList<>();
        for (String options : configurations) {
            System.out.println("## " + options);
            List<String> command = List.of(java, "-javaagent:" + agent + "=" + options,
                    "-XX:+PrintCompilation", "-XX:CompileCommand=quiet",
                    "-XX:CompileCommand=dontinline," + Hot.class.getName() + "::spin",
                    "-cp", System.getProperty("java.class.path"), Child.class.getName());
            List<String> lines = ChildJvm.run(command, "  ", RecompilationCutoff::echo);
            summary.add(options + ": " + summarize(lines));
        }
        System.out.println("## summary (PerMethodRecompilationCutoff default 400; " + Child.FLIPS + " flips at "
                + Child.RATE + "/s)");
        summary.forEach(System.out::println);
    }

    /** Echoes the child's own lines (every 100th flip), the agent's messages and the cutoff events. */
    private static boolean echo(String line) {
        Matcher flip = FLIP.matcher(line);
        if (flip.matches()) {
            return Integer.parseInt(flip.group(1)) % 100 == 0;
        }
        return line.startsWith("before:") || line.startsWith("after:") || line.startsWith("flips:")
                || line.startsWith("agent statistics") || line.startsWith("RESULT") || line.contains("statickeys")
                && !line.contains("::") || line.contains("made not compilable") || line.startsWith("Error")
                || line.startsWith("Exception") || line.contains("Exception in thread");
    }

    /**
     * The flips at which {@code Hot::spin} was made not compilable, read from the merged output in order.
     * HotSpot writes a PrintCompilation line in several pieces, so one of the child's lines can land in
     * the middle of it: the method name is looked for in the event's line and in the VM text before it.
     */
    private static String summarize(List<String> lines) {
        int flip = 0;
        List<String> events = new ArrayList<>();
        String result = null;
        boolean unknownOption = false;
        int notEntrant = 0;
        String lastLevel = "?";
        String previousVm = "";
        for (String line : lines) {
            Matcher m = FLIP.matcher(line);
            if (m.matches()) {
                flip = Integer.parseInt(m.group(1));
                continue;
            }
            if (line.startsWith("RESULT")) {
                result = line.substring("RESULT".length()).trim();
            } else if (line.contains("unknown option")) {
                unknownOption = true;
            }
            Matcher nc = NOT_COMPILABLE.matcher(line);
            if (nc.find() && (line.contains("Hot::spin") || previousVm.contains("Hot::spin"))) {
                events.add(nc.group(1).replace("level ", "level") + (line.contains("%") ? " (OSR)" : "")
                        + " at flip " + flip);
            } else if (line.contains("Hot::spin")) {
                if (line.contains("made not entrant")) {
                    notEntrant++;
                }
                Matcher compile = COMPILE.matcher(line);
                if (compile.find() && !line.contains("made not")) {
                    lastLevel = compile.group(1);
                }
            }
            if (!line.isBlank()) {
                previousVm = line;
            }
        }
        if (result == null) {
            return unknownOption ? "SKIPPED: the agent rejected the option (unknown option)" : "no result";
        }
        return (events.isEmpty() ? "never made not compilable" : "not compilable on " + String.join(", ", events))
                + "; spin nmethods made not entrant " + notEntrant + "; last spin compile at level " + lastLevel
                + "; " + result;
    }

    /** Holds the hot caller; its only site is in {@link #spin}. */
    public static final class Hot {
        static final StaticKey KEY = StaticKey.defineFalse("bench.recompilation");

        private Hot() {}

        /**
         * Sums {@code data} with a site per element: a loop C2 unrolls and vectorizes while the key is a
         * constant, and C1 does not, so losing C2 shows in calls/s.
         */
        static long spin(int[] data) {
            long sum = 0;
            for (int i = 0; i < data.length; i++) {
                int value = data[i];
                if (KEY.isEnabled()) {
                    value ^= value >>> 3;
                }
                sum += value;
            }
            return sum;
        }
    }

    /** The child JVM: a thread calls {@link Hot#spin} back to back; main flips {@link Hot#KEY}. */
    public static final class Child {
        static final int FLIPS = 600;
        static final int RATE = 100;
        static final int LENGTH = 4096;
        static volatile boolean running = true;
        static volatile long calls;
        static volatile long sink;

        private Child() {}

        static void work() {
            int[] data = new java.util.Random(42).ints(LENGTH).toArray();
            long x = 0;
            while (running) {
                x += Hot.spin(data);
                calls++;
            }
            sink = x;
        }

        /** One write per line, so HotSpot's own output to stdout cannot split it. */
        static void out(String line) {
            System.out.print("\n" + line + "\n");
            System.out.flush();
        }

        static double measure() throws InterruptedException {
            long c0 = calls;
            long t0 = System.nanoTime();
            Thread.sleep(1000);
            long c1 = calls;
            long t1 = System.nanoTime();
            return (c1 - c0) * 1e9 / (t1 - t0);
        }

        public static void main(String[] args) throws Exception {
            Thread worker = new Thread(Child::work, "spinner");
            worker.setDaemon(true);
            worker.start();
            Thread.sleep(4000);
            double before = measure();
            out(String.format("before: %.1f spin calls/s", before));
            long start = System.nanoTime();
            for (int i = 1; i <= FLIPS; i++) {
                if ((i & 1) == 1) {
                    Hot.KEY.enable();
                } else {
                    Hot.KEY.disable();
                }
                out("FLIP " + i);
                long next = start + (long) (i * 1e9 / RATE);
                for (long wait; (wait = next - System.nanoTime()) > 0; ) {
                    if (wait > 2_000_000) {
                        Thread.sleep(wait / 1_000_000 - 1);
                    } else {
                        Thread.onSpinWait();
                    }
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            out(String.format("flips: %d in %.2f s (%.1f/s)", FLIPS, seconds, FLIPS / seconds));
            Thread.sleep(3000);
            double after = measure();
            out(String.format("after: %.1f spin calls/s", after));
            out("agent statistics: " + FlipCostBenchmark.agentStatistics());
            out(String.format("RESULT before=%.1f calls/s after=%.1f calls/s after/before=%.3f", before, after,
                    after / before));
            System.exit(0);
        }
    }
}
