package dev.statickeys.junit5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.statickeys.junit5.AgentAttach.Outcome;
import dev.statickeys.junit5.AgentAttach.Result;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The decision for JVMs described by fakes; the real JVMs are the surefire executions attach-* (the *Check classes). */
class AgentAttachTest {
    @TempDir
    Path dir;

    private final List<Path> loaded = new ArrayList<>();
    private final AgentAttach.Loader loader = loaded::add;

    /** A JVM with jdk.attach, default flags, and {@code arguments}. */
    private final class Jvm implements JvmFacts {
        final List<String> arguments = new ArrayList<>();
        final Set<String> modules = new java.util.HashSet<>(Set.of("java.base", "jdk.attach"));
        final Map<String, String> flags = new HashMap<>(Map.of("DisableAttachMechanism", "false", "EnableDynamicAgentLoading", "true"));

        @Override
        public List<String> arguments() {
            return arguments;
        }

        @Override
        public Path workingDirectory() {
            return dir;
        }

        @Override
        public boolean hasModule(String name) {
            return modules.contains(name);
        }

        @Override
        public String flag(String name) {
            return flags.get(name);
        }
    }

    private Path agentJar() throws IOException {
        return AgentJarsTest.jar(dir.resolve("statickeys-agent.jar"), AgentJars.TRAMPOLINE, AgentJars.ENTRY_FILE);
    }

    @Test
    void aJvmThatCanTakeTheAgentGetsTheJarFromTheClassPath() throws IOException {
        Path jar = agentJar();
        assertEquals(new Outcome(Result.ATTACHED, null), AgentAttach.decide(true, new Jvm(), jar, loader));
        assertEquals(List.of(jar), loaded);
    }

    @Test
    void switchedOffNothingIsLoadedOrPrinted() throws IOException {
        assertEquals(new Outcome(Result.OFF, null), AgentAttach.decide(false, new Jvm(), agentJar(), loader));
        assertEquals(List.of(), loaded);
    }

    @Test
    void aJvmStartedWithTheAgentIsLeftAlone() throws IOException {
        Jvm jvm = new Jvm();
        jvm.arguments.add("-javaagent:statickeys-agent.jar=backend=inline");
        assertEquals(new Outcome(Result.STARTED_WITH_AGENT, null), AgentAttach.decide(true, jvm, agentJar(), loader));
        assertEquals(List.of(), loaded);
    }

    @Test
    void anotherJavaagentDoesNotCount() throws IOException {
        Jvm jvm = new Jvm();
        jvm.arguments.add("-javaagent:" + AgentJarsTest.jar(dir.resolve("peer.jar"), "com.example.Premain"));
        assertEquals(Result.ATTACHED, AgentAttach.decide(true, jvm, agentJar(), loader).result());
    }

    @Test
    void eachJvmThatCannotTakeAnAgentGetsOneLineSayingWhyAndNoAttempt() throws IOException {
        Path jar = agentJar();
        String plain = "; sites are plain checks in this JVM (-javaagent:" + jar
                + " patches them; dev.statickeys.junit.attach=false skips the attach)";
        Jvm noModule = new Jvm();
        noModule.modules.remove("jdk.attach");
        assertNotAttached("this Java runtime has no jdk.attach module (a JRE or a jlinked runtime)" + plain, noModule, jar);
        Jvm disabled = new Jvm();
        disabled.flags.put("DisableAttachMechanism", "true");
        assertNotAttached("the JVM runs with -XX:+DisableAttachMechanism" + plain, disabled, jar);
        Jvm noDynamic = new Jvm();
        noDynamic.flags.put("EnableDynamicAgentLoading", "false");
        assertNotAttached("the JVM runs with -XX:-EnableDynamicAgentLoading" + plain, noDynamic, jar);
        assertNotAttached("no statickeys agent jar on the test class path (dev.statickeys:statickeys-agent comes with"
                + " statickeys-junit5 unless excluded); sites are plain checks in this JVM (-javaagent:statickeys-agent.jar"
                + " patches them; dev.statickeys.junit.attach=false skips the attach)", new Jvm(), null);
        assertEquals(List.of(), loaded);
    }

    @Test
    void unknownFlagsDoNotStopTheAttempt() throws IOException {
        Jvm notHotSpot = new Jvm();
        notHotSpot.flags.clear();
        assertEquals(Result.ATTACHED, AgentAttach.decide(true, notHotSpot, agentJar(), loader).result());
    }

    @Test
    void aFailedAttachIsOneLineWithEveryCause() throws IOException {
        Path jar = agentJar();
        AgentAttach.Loader failing = path -> {
            throw new IllegalStateException("Error during attachment using: provider",
                    new IllegalStateException("Could not self-attach\nto current VM"));
        };
        Outcome outcome = AgentAttach.decide(true, new Jvm(), jar, failing);
        assertEquals(Result.NOT_ATTACHED, outcome.result());
        assertEquals("statickeys-junit5: statickeys agent not attached: loading " + jar + " failed: Error during"
                + " attachment using: provider: Could not self-attach to current VM; sites are plain checks in this JVM"
                + " (-javaagent:" + jar + " patches them; dev.statickeys.junit.attach=false skips the attach)", outcome.line());
    }

    @Test
    void aMissingByteBuddyIsAFailedAttachToo() throws IOException {
        AgentAttach.Loader missing = path -> {
            throw new NoClassDefFoundError("net/bytebuddy/agent/ByteBuddyAgent");
        };
        Outcome outcome = AgentAttach.decide(true, new Jvm(), agentJar(), missing);
        assertEquals(Result.NOT_ATTACHED, outcome.result());
        assertFalse(outcome.line().contains("\n"));
    }

    private void assertNotAttached(String reasonAndAdvice, JvmFacts jvm, Path jar) {
        assertEquals(new Outcome(Result.NOT_ATTACHED, "statickeys-junit5: statickeys agent not attached: " + reasonAndAdvice),
                AgentAttach.decide(true, jvm, jar, loader));
    }
}
