package dev.statickeys.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.statickeys.testing.ForkedJvm;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code java -jar statickeys-agent.jar <pid> list|enable|disable <key>} against forked JVMs, as an
 * operator runs it.
 */
class AttachCommandIT {
    /** JDK 21+ warns when an agent is loaded into a running JVM unless this is given (JEP 451); 17 lacks it. */
    private static final String ALLOW_DYNAMIC_AGENTS = "-XX:+EnableDynamicAgentLoading";
    private static final String DYNAMIC_AGENTS = "-XX:+IgnoreUnrecognizedVMOptions";

    private Process target;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

    @AfterEach
    void stopTarget() throws Exception {
        if (target != null) {
            target.getOutputStream().close();
            if (!target.waitFor(20, TimeUnit.SECONDS)) {
                target.destroyForcibly();
            }
        }
    }

    private long start(String... jvmOptions) throws Exception {
        return start(AttachTargetMain.class, jvmOptions);
    }

    private long start(Class<?> main, String... jvmOptions) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
        target = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(target.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    lines.add(line);
                }
            } catch (java.io.IOException e) {
                lines.add("read failed: " + e);
            }
        });
        reader.setDaemon(true);
        reader.start();
        awaitLine("ready ");
        return target.pid();
    }

    /** Waits (bounded) for the target to print a line starting with {@code prefix}; returns it. */
    private String awaitLine(String prefix) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        List<String> seen = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            String line = lines.poll(100, TimeUnit.MILLISECONDS);
            if (line != null) {
                seen.add(line);
                if (line.startsWith(prefix)) {
                    return line;
                }
            }
        }
        throw new AssertionError("the target never printed '" + prefix + "...'; it printed " + seen);
    }

    private static String agent() {
        return "-javaagent:" + ForkedJvm.agentJar();
    }

    @Test
    void listEnableAndDisableAJvmStartedWithTheAgent() throws Exception {
        long pid = start(agent(), DYNAMIC_AGENTS, ALLOW_DYNAMIC_AGENTS);
        ForkedJvm.Result list = ForkedJvm.runAgentJar(60, Long.toString(pid), "list");
        assertEquals(0, list.exitCode, list.toString());
        assertTrue(list.stdout.contains("statickeys agent: backend holder"), list.toString());
        assertTrue(list.stdout.matches("(?s).*attach\\.a +disabled +0 disabled +1 +1 +0 +-.*"), list.toString());
        assertTrue(list.stdout.matches("(?s).*attach\\.b +enabled +1 enabled .*"), list.toString());

        ForkedJvm.Result enable = ForkedJvm.runAgentJar(60, Long.toString(pid), "enable", "attach.a");
        assertEquals(0, enable.exitCode, enable.toString());
        assertEquals("enabled attach.a: now enabled, count 1\n", enable.stdout);
        assertEquals("sites a=on b=on", awaitLine("sites "));

        ForkedJvm.Result disable = ForkedJvm.runAgentJar(60, Long.toString(pid), "disable", "attach.b");
        assertEquals(0, disable.exitCode, disable.toString());
        assertEquals("sites a=on b=off", awaitLine("sites "));
        ForkedJvm.Result after = ForkedJvm.runAgentJar(60, Long.toString(pid), "list");
        assertTrue(after.stdout.matches("(?s).*attach\\.a +enabled +1 disabled +1 +1 +1 +20\\d\\d-.*"), after.toString());
    }

    @Test
    void anUnknownKeyIsRefusedByNameAndChangesNothing() throws Exception {
        long pid = start(agent(), DYNAMIC_AGENTS, ALLOW_DYNAMIC_AGENTS);
        ForkedJvm.Result result = ForkedJvm.runAgentJar(60, Long.toString(pid), "enable", "attach.nope");
        assertEquals(1, result.exitCode, result.toString());
        assertEquals("no static key named \"attach.nope\"; known keys: [attach.a, attach.b]\n",
                result.stderr);
        ForkedJvm.Result refused = ForkedJvm.runAgentJar(60, Long.toString(pid), "enable", "bad name");
        assertEquals(1, refused.exitCode, refused.toString());
        assertTrue(refused.stderr.startsWith("invalid static key name \"bad name\""), refused.toString());
        ForkedJvm.Result list = ForkedJvm.runAgentJar(60, Long.toString(pid), "list");
        assertTrue(list.stdout.matches("(?s).*attach\\.a +disabled +0 .*"), list.toString());
    }

    @Test
    void aJvmStartedWithoutTheAgentIsControlledThroughItsApi() throws Exception {
        long pid = start(DYNAMIC_AGENTS, ALLOW_DYNAMIC_AGENTS);
        ForkedJvm.Result enable = ForkedJvm.runAgentJar(60, Long.toString(pid), "enable", "attach.a");
        assertEquals(0, enable.exitCode, enable.toString());
        assertTrue(enable.stdout.contains("not installed at start-up"), enable.toString());
        assertTrue(enable.stdout.contains("enabled attach.a: enabled, count 1"), enable.toString());
        assertEquals("sites a=on b=on", awaitLine("sites "));
        ForkedJvm.Result unknown = ForkedJvm.runAgentJar(60, Long.toString(pid), "disable", "attach.nope");
        assertEquals(1, unknown.exitCode, unknown.toString());
        assertTrue(unknown.stderr.contains("no static key named \"attach.nope\""), unknown.toString());
    }

    @Test
    void aJvmThatHasNotUsedStatickeysGetsTheAgentInstalled() throws Exception {
        long pid = start(PlainWaitMain.class, DYNAMIC_AGENTS, ALLOW_DYNAMIC_AGENTS);
        ForkedJvm.Result list = ForkedJvm.runAgentJar(60, Long.toString(pid), "list");
        assertEquals(0, list.exitCode, list.toString());
        assertTrue(list.stdout.startsWith("statickeys agent: backend holder\nKEY "), list.toString());
        ForkedJvm.Result enable = ForkedJvm.runAgentJar(60, Long.toString(pid), "enable", "attach.a");
        assertEquals(1, enable.exitCode, enable.toString());
        assertEquals("no static key named \"attach.a\"; known keys: []\n", enable.stderr);
    }

    @Test
    void aWrongPidIsReported() throws Exception {
        ForkedJvm.Result result = ForkedJvm.runAgentJar(60, "2147483646", "list");
        assertEquals(1, result.exitCode, result.toString());
        assertTrue(result.stderr.startsWith("statickeys: cannot attach to process 2147483646: "), result.toString());
    }

    @Test
    void badArgumentsPrintTheUsage() throws Exception {
        ForkedJvm.Result missing = ForkedJvm.runAgentJar(60, "123", "enable");
        assertEquals(2, missing.exitCode, missing.toString());
        assertTrue(missing.stderr.contains("'enable' takes 1 argument (the key name), got 0"), missing.toString());
        assertTrue(missing.stderr.contains("usage: java -jar statickeys-agent.jar <pid> list"), missing.toString());
        ForkedJvm.Result unknown = ForkedJvm.runAgentJar(60, "123", "flip", "x");
        assertEquals(2, unknown.exitCode, unknown.toString());
        assertTrue(unknown.stderr.contains("unknown command 'flip'; expected one of [list, enable, disable]"),
                unknown.toString());
    }

    @Test
    void aJavaWithoutTheAttachModuleSaysSo() throws Exception {
        ForkedJvm.Result result = ForkedJvm.runAgentJar(60, List.of("--limit-modules", "java.base,java.instrument"),
                "123", "list");
        assertEquals(1, result.exitCode, result.toString());
        assertTrue(result.stderr.contains("has no jdk.attach module, which attaching to another JVM needs"),
                result.toString());
    }
}
