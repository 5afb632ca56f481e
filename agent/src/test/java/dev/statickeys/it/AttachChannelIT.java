package dev.statickeys.it;

import dev.statickeys.testing.StallingAgent;
import dev.statickeys.testing.AgentJars;
import static dev.statickeys.it.AttachTarget.agent;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.statickeys.StaticKey;
import dev.statickeys.testing.ForkedJvm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The attach command's channel: answers reach the tool as root from another user's JVM and from a JVM
 * with a private {@code /tmp} (its own mount namespace); a hanging flip or a stopped target leaves the
 * tool within its timeout, the JVM's Attach Listener free, and no file behind in either {@code /tmp}.
 */
class AttachChannelIT {
    /** Files the JDK itself keeps in a JVM's temporary directory (perf data, the attach socket and trigger). */
    private static final Pattern JDK_FILES = Pattern.compile("hsperfdata_.*|\\.java_pid[0-9]+|\\.attach_pid[0-9]+");
    private static final Path TMP = Path.of("/tmp");
    private static final String NOBODY = "65534";

    private final List<AttachTarget> targets = new ArrayList<>();

    @TempDir
    Path temp;

    @AfterEach
    void stopTargets() throws Exception {
        for (AttachTarget target : targets) {
            target.close();
        }
    }

    private AttachTarget started(AttachTarget target) {
        targets.add(target);
        return target;
    }

    @Test
    void aRootToolControlsAnotherUsersJvmAndLeavesNothingBehind() throws Exception {
        Assumptions.assumeTrue(skipUnless("root".equals(System.getProperty("user.name")), "the test runs as root"));
        String classPath = codeSource(AttachTargetMain.class) + ":" + codeSource(StaticKey.class);
        for (String needed : List.of(codeSource(AttachTargetMain.class), codeSource(StaticKey.class),
                ForkedJvm.agentJar().toString(), AttachTarget.java("java"))) {
            Assumptions.assumeTrue(skipUnless(run("setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups",
                    "test", "-r", needed) == 0, "nobody can read " + needed));
        }
        Map<String, String> before = entries(TMP);
        AttachTarget target = started(AttachTarget.start(List.of("setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY,
                "--clear-groups", "--"), classPath, AttachTargetMain.class, List.of(agent())));
        ForkedJvm.Result enable = ForkedJvm.runAgentJar(60, Long.toString(target.pid), "--timeout=30s", "enable", "attach.a");
        assertEquals(0, enable.exitCode, enable.toString());
        assertEquals("enabled attach.a: now enabled, count 1\n", enable.stdout);
        assertEquals("sites a=on b=on", target.awaitLine("sites "));
        ForkedJvm.Result list = ForkedJvm.runAgentJar(60, Long.toString(target.pid), "--timeout=30s", "list");
        assertTrue(list.stdout.matches("(?s).*attach\\.a +enabled +1 .*"), list.toString());
        awaitNoReplies(target);
        assertEquals(Map.of(), leftBehind(before, entries(TMP), "nobody"));
    }

    @Test
    void aTargetInItsOwnPidAndMountNamespaceAnswersAndKeepsNothingInItsTmp() throws Exception {
        // as in a container: the JDK's attach reaches the target's /tmp through /proc/<pid>/root
        privateTmp(List.of("--pid", "--fork"));
    }

    @Test
    void aTargetWithAPrivateTmpInThisPidNamespaceAnswersAndKeepsNothingThere() throws Exception {
        // JDK 17's attach looks for the socket of a target in its own pid namespace in the tool's /tmp only
        Assumptions.assumeTrue(skipUnless(Runtime.version().feature() >= 25,
                "a JDK whose attach finds a same-pid-namespace target's /tmp through /proc/<pid>/root (25 does, 17 not)"));
        privateTmp(List.of());
    }

    private void privateTmp(List<String> namespaces) throws Exception {
        List<String> unshare = new ArrayList<>(List.of("unshare", "--mount", "--propagation", "private"));
        unshare.addAll(namespaces);
        List<String> probe = new ArrayList<>(unshare);
        probe.addAll(List.of("sh", "-c", "mount -t tmpfs tmpfs /tmp"));
        Assumptions.assumeTrue(skipUnless(run(probe.toArray(new String[0])) == 0,
                "this machine permits " + String.join(" ", unshare) + " and a tmpfs mount"));
        Map<String, String> before = entries(TMP);
        List<String> launcher = new ArrayList<>(unshare);
        launcher.addAll(List.of("sh", "-c", "mount -t tmpfs -o mode=1777 tmpfs /tmp && exec \"$0\" \"$@\""));
        AttachTarget target = started(AttachTarget.start(launcher, System.getProperty("java.class.path"),
                AttachTargetMain.class, List.of(agent())));
        Path privateTmp = Path.of("/proc", Long.toString(target.pid), "root", "tmp");
        ForkedJvm.Result enable = ForkedJvm.runAgentJar(60, Long.toString(target.pid), "--timeout=30s", "enable", "attach.a");
        assertEquals(0, enable.exitCode, enable.toString());
        assertEquals("enabled attach.a: now enabled, count 1\n", enable.stdout);
        assertEquals("sites a=on b=on", target.awaitLine("sites "));
        assertTrue(entries(privateTmp).keySet().stream().anyMatch(name -> name.startsWith(".java_pid")),
                "attached through the target's own /tmp: " + entries(privateTmp));
        awaitNoReplies(target);
        assertEquals(Map.of(), leftBehind(Map.of(), entries(privateTmp), null), "the target's private /tmp");
        assertEquals(Map.of(), leftBehind(before, entries(TMP), null), "the tool's /tmp");
    }

    @Test
    void aHangingFlipLeavesTheToolWithinItsTimeoutAndTheAttachListenerFree() throws Exception {
        Map<String, String> before = entries(TMP);
        AttachTarget target = started(AttachTarget.start(AttachTargetMain.class,
                List.of("-javaagent:" + AgentJars.of(StallingAgent.class, temp), agent()), "arm-stall"));
        String pid = Long.toString(target.pid);
        ForkedJvm.Result enable = ForkedJvm.runAgentJar(60, pid, "--timeout=5s", "enable", "attach.a");
        assertEquals(1, enable.exitCode, enable.toString());
        assertTrue(enable.stderr.startsWith("statickeys: process " + pid + " started 'enable attach.a' at "), enable.toString());
        assertTrue(enable.stderr.contains(" but had not finished it within 5s; the flip completes or fails there on its own"),
                enable.toString());

        ForkedJvm.Result version = target.jcmd("VM.version");
        assertEquals(0, version.exitCode, version.toString());
        assertTrue(version.stdout.contains("JDK"), version.toString());
        // list takes no flip lock: it answers while the flip hangs
        ForkedJvm.Result list = ForkedJvm.runAgentJar(60, pid, "--timeout=30s", "list");
        assertEquals(0, list.exitCode, list.toString());
        assertTrue(list.stdout.matches("(?s).*attach\\.b +enabled +1 .*"), list.toString());
        // another flip waits for the lock until the deadline, then gives up without changing anything
        ForkedJvm.Result disable = ForkedJvm.runAgentJar(60, pid, "--timeout=5s", "disable", "attach.b");
        assertEquals(1, disable.exitCode, disable.toString());
        assertTrue(disable.stderr.endsWith("; no key was changed\n"), disable.toString());

        // a tool killed while its command waits leaves nothing behind either
        Process killed = new ProcessBuilder(AttachTarget.java("java"), "-jar", ForkedJvm.agentJar().toString(), pid,
                "--timeout=60s", "disable", "attach.b").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        awaitProperty(target, Pattern.compile("(?m)^dev\\.statickeys\\.command\\.[0-9a-f]{32}=waiting"));
        killed.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        assertEquals(0, target.jcmd("VM.version").exitCode);
        assertEquals(Map.of(), leftBehind(before, entries(TMP), null));
    }

    @Test
    void aTargetThatAnswersNothingInTimeGetsTheCommandTooLateAndGivesItUp() throws Exception {
        AttachTarget target = started(AttachTarget.start(AttachTargetMain.class, List.of(agent())));
        String pid = Long.toString(target.pid);
        assertEquals(0, ForkedJvm.runAgentJar(60, pid, "--timeout=30s", "list").exitCode); // the Attach Listener runs
        assertEquals(0, run("kill", "-STOP", pid));
        ForkedJvm.Result enable;
        try {
            enable = ForkedJvm.runAgentJar(60, pid, "--timeout=2s", "enable", "attach.a");
        } finally {
            assertEquals(0, run("kill", "-CONT", pid));
        }
        assertEquals(1, enable.exitCode, enable.toString());
        assertEquals("statickeys: process " + pid + " did not take the command 'enable attach.a' within 2s; it would give"
                + " the command up after that time, so no key was changed\n", enable.stderr);
        // The request may still be queued at the stopped JVM (JDK 17 runs it once the JVM continues: the worker
        // then gives up; JDK 25 drops it, the tool having gone). Either way the key stays as it was.
        Pattern gaveUp = Pattern.compile("gave up enable attach.a at .*the tool's deadline had passed when the"
                + " command arrived; no key was changed");
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        boolean ranLate = false;
        while (!ranLate && System.nanoTime() < until) {
            ranLate = gaveUp.matcher(target.jcmd("VM.system_properties").stdout).find();
            Thread.sleep(200);
        }
        System.out.println("AttachChannelIT: the stopped target " + (ranLate ? "ran the late command and gave it up"
                : "never ran the late command"));
        ForkedJvm.Result list = ForkedJvm.runAgentJar(60, pid, "--timeout=30s", "list");
        assertTrue(list.stdout.matches("(?s).*attach\\.a +disabled +0 .*"), list.toString());
    }

    /** Returns {@code condition}, printing why the test is skipped when it is false. */
    private static boolean skipUnless(boolean condition, String requirement) {
        if (!condition) {
            System.out.println("AttachChannelIT: skipped, since this needs: " + requirement);
        }
        return condition;
    }

    private static String codeSource(Class<?> type) throws Exception {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }

    private static int run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish in 60 s");
        }
        return process.exitValue();
    }

    /** The entries of a directory with their owners. */
    private static Map<String, String> entries(Path directory) throws IOException {
        Map<String, String> entries = new TreeMap<>();
        try (Stream<Path> list = Files.list(directory)) {
            for (Path entry : list.toList()) {
                try {
                    entries.put(entry.getFileName().toString(), Files.getOwner(entry).getName() + " "
                            + PosixFilePermissions.toString(Files.getPosixFilePermissions(entry)));
                } catch (IOException e) {
                    // gone meanwhile (another build's temporary file)
                }
            }
        }
        return entries;
    }

    /**
     * The entries of {@code after} not in {@code before} that the attach command could have left: answer
     * files of the first channel, and (with {@code owner}) anything but the JDK's own files owned by the
     * target's user. With {@code owner} null and an empty {@code before}, everything but the JDK's files.
     */
    private static Map<String, String> leftBehind(Map<String, String> before, Map<String, String> after, String owner) {
        Map<String, String> left = new TreeMap<>();
        after.forEach((name, info) -> {
            boolean fresh = !before.containsKey(name) && !JDK_FILES.matcher(name).matches();
            boolean ours = before.isEmpty() || name.startsWith("statickeys-answer")
                    || (owner != null && info.startsWith(owner + " "));
            if (fresh && ours) {
                left.put(name, info);
            }
        });
        return left;
    }

    /** Waits (bounded) until the target's system properties hold no attach command reply any more. */
    private static void awaitNoReplies(AttachTarget target) throws Exception {
        awaitProperties(target, properties -> !properties.contains("dev.statickeys.command."), "no dev.statickeys.command.* property");
    }

    private static void awaitProperty(AttachTarget target, Pattern pattern) throws Exception {
        awaitProperties(target, properties -> pattern.matcher(properties).find(), "a property matching " + pattern);
    }

    private static void awaitProperties(AttachTarget target, java.util.function.Predicate<String> condition, String what)
            throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String last = "";
        while (System.nanoTime() < deadline) {
            last = target.jcmd("VM.system_properties").stdout;
            if (condition.test(last)) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the target never showed " + what + "; its properties:\n" + last);
    }
}
