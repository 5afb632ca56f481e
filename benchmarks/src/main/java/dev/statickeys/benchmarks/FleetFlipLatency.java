package dev.statickeys.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A fleet on one machine: starts JVMs under the agent, each with the flagd provider watching the same flag
 * file, edits the file, and prints the time from each edit to each JVM's flip (its patched site's answer
 * changing). Not JMH: a wall-clock measurement across processes on one machine.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.statickeys.benchmarks.FleetFlipLatency \
 *     agent/target/statickeys-agent-0.1.0-SNAPSHOT.jar [members=3] [edits=6] [pollMs=50]</pre>
 *
 * What the time includes: the provider's poll interval (the watcher compares the file's modification time
 * every {@code pollMs}), parsing the file, the configuration-changed event, the evaluation and the flip
 * (one class redefinition), and up to 1 ms for the member's check of its site.
 */
public final class FleetFlipLatency {
    private FleetFlipLatency() {}

    /** A member JVM and the lines it printed, in order. */
    record Member(int index, Process process, BlockingQueue<String> lines) {}

    public static void main(String[] args) throws Exception {
        String usage = "FleetFlipLatency <agent.jar> [members=3] [edits=6] [pollMs=50]";
        Path agent = ChildJvm.agentJar(args, usage);
        int members = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int edits = args.length > 2 ? Integer.parseInt(args[2]) : 6;
        int pollMs = args.length > 3 ? Integer.parseInt(args[3]) : 50;
        String java = ChildJvm.java(agent);
        Path dir = Files.createTempDirectory("fleet-flip");
        Path file = dir.resolve("flags.json");
        long modified = write(file, false, System.currentTimeMillis());
        List<Member> fleet = new ArrayList<>();
        try {
            for (int i = 0; i < members; i++) {
                fleet.add(start(i, List.of(java, "-javaagent:" + agent, "-cp", System.getProperty("java.class.path"),
                        FleetFlipMember.class.getName(), file.toString(), Integer.toString(pollMs))));
            }
            for (Member member : fleet) {
                expect(member, "ready agent=true site=off");
            }
            System.out.printf("# %d JVMs, flagd file mode, poll %d ms; ms from the edit to each JVM's flip%n", members, pollMs);
            System.out.print("edit  to ");
            for (Member member : fleet) {
                System.out.printf("  jvm%d", member.index());
            }
            System.out.println("    max");
            boolean on = false;
            for (int edit = 1; edit <= edits; edit++) {
                on = !on;
                // Let the watchers settle between edits: a poll that sees two edits at once would merge them.
                Thread.sleep(Math.max(500, 4L * pollMs));
                long before = epochMicros();
                modified = write(file, on, modified);
                System.out.printf("%4d %4s ", edit, on ? "on" : "off");
                double max = 0;
                for (Member member : fleet) {
                    String line = expect(member, "site=" + (on ? "on" : "off") + " ");
                    long flipped = Long.parseLong(line.substring(line.indexOf("micros=") + 7).trim());
                    double ms = (flipped - before) / 1000.0;
                    max = Math.max(max, ms);
                    System.out.printf(" %6.1f", ms);
                }
                System.out.printf(" %6.1f%n", max);
            }
        } finally {
            for (Member member : fleet) {
                member.process().getOutputStream().close();
            }
            for (Member member : fleet) {
                if (!member.process().waitFor(30, TimeUnit.SECONDS)) {
                    member.process().destroyForcibly();
                }
            }
        }
    }

    static Member start(int index, List<String> command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    lines.add(line);
                }
            } catch (IOException e) {
                // The process ended.
            }
        });
        reader.setDaemon(true);
        reader.start();
        return new Member(index, process, lines);
    }

    /** The member's next line starting with {@code prefix}, skipping others (echoed); fails after 60 s. */
    static String expect(Member member, String prefix) throws InterruptedException {
        while (true) {
            String line = member.lines().poll(60, TimeUnit.SECONDS);
            if (line == null) {
                throw new IllegalStateException("jvm" + member.index() + " printed no \"" + prefix + "\" within 60 s");
            }
            if (line.startsWith(prefix)) {
                return line;
            }
            if (line.startsWith("site=")) {
                throw new IllegalStateException("jvm" + member.index() + " printed \"" + line + "\"; expected \"" + prefix + "\"");
            }
            // The agent's and the binding's reports (INFO) would interleave with the table: only trouble is echoed.
            if (line.startsWith("WARNING") || line.startsWith("SEVERE") || line.contains("Exception")) {
                System.out.println("# jvm" + member.index() + ": " + line);
            }
        }
    }

    /** Replaces the flag file in one atomic move (as a mounted ConfigMap changes); returns its new mtime. */
    static long write(Path file, boolean on, long previous) throws IOException {
        String json = "{\"flags\": {\"fleet.tracing\": {\"state\": \"ENABLED\", \"variants\": {\"on\": true, \"off\": false}, "
                + "\"defaultVariant\": \"" + (on ? "on" : "off") + "\"}}}\n";
        Path next = file.resolveSibling(file.getFileName() + ".next");
        Files.writeString(next, json, StandardCharsets.UTF_8);
        // flagd's watcher compares modification times in ms: each edit moves it forward.
        long modified = Math.max(System.currentTimeMillis(), previous + 1);
        Files.setLastModifiedTime(next, FileTime.fromMillis(modified));
        Files.move(next, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return modified;
    }

    static long epochMicros() {
        return ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
    }

}
