package dev.statickeys.openfeature;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fleet on one machine: three JVMs started with -javaagent on the built agent jar, each with the flagd
 * provider watching the same flag file. One edit flips the key in all three; each JVM prints its
 * patched sites' answers. An edit that changes two flags is applied in one batch: the agent logs one patch
 * operation naming both keys.
 */
class OpenFeatureFleetIT {
    static final int MEMBERS = 3;
    /** The agent's log line of one patch operation that enabled both keys (in either order). */
    static final java.util.function.Predicate<String> FLIP_OF_BOTH = line -> line.startsWith("INFO: statickeys: flip: ")
            && line.contains("fleet.audit enabled (holder)") && line.contains("fleet.tracing enabled (holder)");

    /** A running member and the lines it printed. */
    static final class Member {
        final Process process;
        final List<String> lines = new ArrayList<>();

        Member(Process process) {
            this.process = process;
            Thread reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = in.readLine()) != null; ) {
                        synchronized (lines) {
                            lines.add(line);
                        }
                    }
                } catch (IOException e) {
                    // The process ended.
                }
            });
            reader.setDaemon(true);
            reader.start();
        }

        boolean printed(String prefix) {
            synchronized (lines) {
                return lines.stream().anyMatch(line -> line.startsWith(prefix));
            }
        }

        long count(String prefix) {
            return count(line -> line.startsWith(prefix));
        }

        long count(java.util.function.Predicate<String> line) {
            synchronized (lines) {
                return lines.stream().filter(line).count();
            }
        }

        @Override
        public String toString() {
            String state = process.isAlive() ? "running" : "exited with " + process.exitValue();
            synchronized (lines) {
                return "(" + state + ")\n  " + String.join("\n  ", lines);
            }
        }
    }

    static Member start(Path file) throws IOException {
        String agentJar = System.getProperty("it.statickeys.agentJar");
        assumeTrue(agentJar != null, "it.statickeys.agentJar is not set: failsafe runs this test (mvn verify)");
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-javaagent:" + agentJar, "-cp", System.getProperty("java.class.path"),
                FleetMember.class.getName(), file.toString());
        return new Member(new ProcessBuilder(command).redirectErrorStream(true).start());
    }

    @Test
    void oneEditOfTheFlagFileFlipsTheSitesOfEveryJvm(@TempDir Path dir) throws Exception {
        FlagFile file = new FlagFile(dir.resolve("flags.json"));
        file.write(Map.of("fleet.tracing", false, "fleet.audit", false), null);
        List<Member> fleet = new ArrayList<>();
        try {
            for (int i = 0; i < MEMBERS; i++) {
                fleet.add(start(file.path()));
            }
            for (Member member : fleet) {
                await(member, "ready agent=true site=off audit=off");
            }
            file.write(Map.of("fleet.tracing", true, "fleet.audit", false), null);
            for (Member member : fleet) {
                await(member, "site=on audit=off ");
            }
            file.write(Map.of("fleet.tracing", false, "fleet.audit", false), null);
            for (Member member : fleet) {
                await(member, "site=off audit=off ");
                assertEquals(1, member.count("site=on "), member.toString());
            }
            // Both flags in one edit: one batch, so one patch operation (one "flip:" line) naming both keys.
            file.write(Map.of("fleet.tracing", true, "fleet.audit", true), null);
            for (Member member : fleet) {
                await(member, "site=on audit=on ");
                Waits.until("a flip line naming both keys; the member printed:\n  " + member,
                        () -> member.count(FLIP_OF_BOTH) == 1);
                assertEquals(1, member.count(line -> line.contains("statickeys: flip: ") && line.contains("fleet.audit")),
                        member.toString());
            }
            for (Member member : fleet) {
                member.process.getOutputStream().close();
                if (!member.process.waitFor(60, TimeUnit.SECONDS)) {
                    fail("a member did not exit after its input closed:\n  " + member);
                }
                assertEquals(0, member.process.exitValue(), member.toString());
            }
        } finally {
            fleet.forEach(member -> member.process.destroyForcibly());
        }
    }

    static void await(Member member, String prefix) {
        Waits.until("a member printing \"" + prefix + "\"; it printed:\n  " + member, () -> member.printed(prefix));
    }
}
