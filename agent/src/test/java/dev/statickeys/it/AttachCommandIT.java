package dev.statickeys.it;

import static dev.statickeys.it.AttachTarget.agent;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.statickeys.testing.ForkedJvm;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.List;
import java.util.Properties;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code java -jar statickeys-agent.jar <pid> list|enable|disable <key>} against forked JVMs, as an
 * operator runs it. Across users, mount namespaces and hanging flips: {@link AttachChannelIT}.
 */
class AttachCommandIT {
    /** In the isolated part of the jar (README, "Isolation"). */
    private static final String BUILD_PROPERTIES = "statickeys-agent-core/dev/statickeys/agent/ops/build.properties";

    private AttachTarget target;

    @TempDir
    Path temp;

    @AfterEach
    void stopTarget() throws Exception {
        if (target != null) {
            target.close();
        }
    }

    private long start(String... jvmOptions) throws Exception {
        return start(AttachTargetMain.class, jvmOptions);
    }

    private long start(Class<?> main, String... jvmOptions) throws Exception {
        target = AttachTarget.start(main, List.of(jvmOptions));
        return target.pid;
    }

    @Test
    void listEnableAndDisableAJvmStartedWithTheAgent() throws Exception {
        long pid = start(agent());
        ForkedJvm.Result list = ForkedJvm.runAgentJar(60, Long.toString(pid), "list");
        assertEquals(0, list.exitCode, list.toString());
        assertTrue(list.stdout.contains("statickeys agent: backend "), list.toString());
        assertTrue(list.stdout.matches("(?s).*attach\\.a +disabled +0 disabled +1 +1 +0 +-.*"), list.toString());
        assertTrue(list.stdout.matches("(?s).*attach\\.b +enabled +1 enabled .*"), list.toString());

        ForkedJvm.Result enable = ForkedJvm.runAgentJar(60, Long.toString(pid), "--timeout=30s", "enable", "attach.a");
        assertEquals(0, enable.exitCode, enable.toString());
        assertEquals("enabled attach.a: now enabled, count 1\n", enable.stdout);
        assertEquals("sites a=on b=on", target.awaitLine("sites "));

        ForkedJvm.Result disable = ForkedJvm.runAgentJar(60, Long.toString(pid), "disable", "attach.b", "--timeout=30s");
        assertEquals(0, disable.exitCode, disable.toString());
        assertEquals("sites a=on b=off", target.awaitLine("sites "));
        ForkedJvm.Result after = ForkedJvm.runAgentJar(60, Long.toString(pid), "list");
        assertTrue(after.stdout.matches("(?s).*attach\\.a +enabled +1 disabled +1 +1 +1 +20\\d\\d-.*"), after.toString());
    }

    @Test
    void anUnknownKeyIsRefusedByNameAndChangesNothing() throws Exception {
        long pid = start(agent());
        ForkedJvm.Result result = ForkedJvm.runAgentJar(60, Long.toString(pid), "enable", "attach.nope");
        assertEquals(1, result.exitCode, result.toString());
        assertEquals("no static key named \"attach.nope\"; known keys: [attach.a, attach.b]\n", result.stderr);
        ForkedJvm.Result list = ForkedJvm.runAgentJar(60, Long.toString(pid), "list");
        assertTrue(list.stdout.matches("(?s).*attach\\.a +disabled +0 .*"), list.toString());
    }

    @Test
    void keyNamesOutsideTheNamingRuleAreRefusedBeforeAnythingIsSent() throws Exception {
        long pid = start(agent());
        // The first wire form split on ':' and flipped "attach.a" for this.
        ForkedJvm.Result colon = ForkedJvm.runAgentJar(60, Long.toString(pid), "enable", "attach.a:x");
        assertEquals(2, colon.exitCode, colon.toString());
        assertTrue(colon.stderr.startsWith("statickeys: invalid static key name \"attach.a:x\": character ':' at index 8"
                + " is not allowed; expected 1 to 200 characters from [A-Za-z0-9._-]\nusage: "), colon.toString());
        ForkedJvm.Result space = ForkedJvm.runAgentJar(60, Long.toString(pid), "enable", "bad name");
        assertEquals(2, space.exitCode, space.toString());
        assertTrue(space.stderr.startsWith("statickeys: invalid static key name \"bad name\": character ' '"), space.toString());
        ForkedJvm.Result list = ForkedJvm.runAgentJar(60, Long.toString(pid), "list");
        assertTrue(list.stdout.matches("(?s).*attach\\.a +disabled +0 .*"), list.toString());
    }

    @Test
    void aTargetAgentOfAnotherBuildIsRefusedNamingBothBuilds() throws Exception {
        Properties tool = buildOf(ForkedJvm.agentJar());
        Path other = rebuilt(ForkedJvm.agentJar(), temp.resolve("other-build.jar"), "19700101-000000.000");
        // Only the other build's agent classes: none on the class path (the test's has this build's).
        target = AttachTarget.start(List.of(), codeSource(AttachTargetMain.class) + java.io.File.pathSeparator
                + codeSource(dev.statickeys.StaticKey.class), AttachTargetMain.class, List.of("-javaagent:" + other));
        long pid = target.pid;
        ForkedJvm.Result result = ForkedJvm.runAgentJar(60, Long.toString(pid), "enable", "attach.a");
        assertEquals(1, result.exitCode, result.toString());
        String version = tool.getProperty("version");
        assertTrue(result.stderr.startsWith("statickeys: process " + pid + " runs the statickeys agent " + version
                + " (build 19700101-000000.000), but this command is " + version + " (build " + tool.getProperty("stamp")
                + "); run the command with the agent jar of the target's build\n"), result.toString());
        assertEquals("", result.stdout);
        ForkedJvm.Result same = ForkedJvm.runJar(60, other, Long.toString(pid), "list");
        assertTrue(same.stdout.matches("(?s).*attach\\.a +disabled +0 .*"), same.toString());
    }

    @Test
    void aJvmStartedWithoutTheAgentIsControlledThroughItsApi() throws Exception {
        long pid = start();
        ForkedJvm.Result enable = ForkedJvm.runAgentJar(60, Long.toString(pid), "enable", "attach.a");
        assertEquals(0, enable.exitCode, enable.toString());
        assertTrue(enable.stdout.contains("not installed at start-up"), enable.toString());
        assertTrue(enable.stdout.contains("enabled attach.a: enabled, count 1"), enable.toString());
        assertEquals("sites a=on b=on", target.awaitLine("sites "));
        ForkedJvm.Result unknown = ForkedJvm.runAgentJar(60, Long.toString(pid), "disable", "attach.nope");
        assertEquals(1, unknown.exitCode, unknown.toString());
        assertTrue(unknown.stderr.contains("no static key named \"attach.nope\""), unknown.toString());
    }

    @Test
    void aJvmThatHasNotUsedStatickeysGetsTheAgentInstalled() throws Exception {
        long pid = start(PlainWaitMain.class);
        ForkedJvm.Result list = ForkedJvm.runAgentJar(60, Long.toString(pid), "--timeout=30s", "list");
        assertEquals(0, list.exitCode, list.toString());
        assertTrue(list.stdout.startsWith("statickeys agent: backend holder\nKEY "), list.toString());
        ForkedJvm.Result enable = ForkedJvm.runAgentJar(60, Long.toString(pid), "enable", "attach.a");
        assertEquals(1, enable.exitCode, enable.toString());
        assertEquals("no static key named \"attach.a\"; known keys: []\n", enable.stderr);
    }

    @Test
    void aCommandStartsTheCoreOfAnAgentThatWaitsForTheApi() throws Exception {
        // Started with -javaagent but without keys yet: the core waits for the first class naming the API
        // (boot/Dormant); a command starts it with the premain's settings, as the first key would.
        long pid = start(PlainWaitMain.class, agent());
        ForkedJvm.Result list = ForkedJvm.runAgentJar(60, Long.toString(pid), "--timeout=30s", "list");
        assertEquals(0, list.exitCode, list.toString());
        String backend = System.getProperty("it.statickeys.backend", "holder");
        assertTrue(list.stdout.startsWith("statickeys agent: backend " + backend + "\nKEY "), list.toString());
        ForkedJvm.Result again = ForkedJvm.runAgentJar(60, Long.toString(pid), "--timeout=30s", "list");
        assertEquals(list.stdout, again.stdout, again.toString());
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
        assertTrue(missing.stderr.contains("usage: java -jar statickeys-agent.jar <pid> [--timeout=<time>] list"),
                missing.toString());
        ForkedJvm.Result unknown = ForkedJvm.runAgentJar(60, "123", "flip", "x");
        assertEquals(2, unknown.exitCode, unknown.toString());
        assertTrue(unknown.stderr.contains("unknown command 'flip'; expected one of [list, enable, disable]"),
                unknown.toString());
        ForkedJvm.Result timeout = ForkedJvm.runAgentJar(60, "123", "--timeout=soon", "list");
        assertEquals(2, timeout.exitCode, timeout.toString());
        assertTrue(timeout.stderr.startsWith("statickeys: invalid --timeout=soon; expected a time such as 10s, 500ms or 2m\n"),
                timeout.toString());
    }

    @Test
    void aJavaWithoutTheAttachModuleSaysSo() throws Exception {
        ForkedJvm.Result result = ForkedJvm.runAgentJar(60, List.of("--limit-modules", "java.base,java.instrument"),
                "123", "list");
        assertEquals(1, result.exitCode, result.toString());
        assertTrue(result.stderr.contains("has no jdk.attach module, which attaching to another JVM needs"),
                result.toString());
    }

    private static String codeSource(Class<?> type) throws Exception {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }

    private static Properties buildOf(Path jar) throws Exception {
        try (JarFile file = new JarFile(jar.toFile()); InputStream in = file.getInputStream(file.getEntry(BUILD_PROPERTIES))) {
            Properties properties = new Properties();
            properties.load(in);
            return properties;
        }
    }

    /** A copy of {@code jar} that says it is another build of the same version, stamped {@code stamp}. */
    private static Path rebuilt(Path jar, Path copy, String stamp) throws Exception {
        try (JarFile in = new JarFile(jar.toFile()); OutputStream file = Files.newOutputStream(copy);
                JarOutputStream out = new JarOutputStream(file)) {
            for (Enumeration<JarEntry> entries = in.entries(); entries.hasMoreElements(); ) {
                JarEntry entry = entries.nextElement();
                out.putNextEntry(new JarEntry(entry.getName()));
                if (entry.getName().equals(BUILD_PROPERTIES)) {
                    Properties build = buildOf(jar);
                    out.write(("version=" + build.getProperty("version") + "\nstamp=" + stamp + "\n")
                            .getBytes(StandardCharsets.ISO_8859_1));
                } else {
                    try (InputStream data = in.getInputStream(entry)) {
                        data.transferTo(out);
                    }
                }
            }
        }
        return copy;
    }
}
