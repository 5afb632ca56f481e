package dev.statickeys.it;

import dev.statickeys.testing.AgentJars;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.statickeys.testing.Bytecode;
import dev.statickeys.testing.ForkedJvm;
import dev.statickeys.testing.RejectingAgent;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Another agent's transformer breaks one class of a flip's batch: the other classes are still patched,
 * the broken one keeps correct answers through its plain check, the failure is reported (log, JMX), and
 * the key ends in the state the caller asked for; a holder the JVM refuses moves its callers to plain
 * checks. (The JFR side is in {@link FlightRecorderIT}.)
 */
class FaultInjectionIT {
    @TempDir
    Path temp;

    @Test
    void aClassAnotherAgentBreaksFallsBackToPlainChecksAndTheRestIsPatched() throws Exception {
        Path dump = temp.resolve("dump");
        String victim = FaultMain.Victim.class.getName();
        ForkedJvm.Result result = ForkedJvm.run(List.of(
                "-javaagent:" + ForkedJvm.agentJar() + "=backend=inline,dump=" + dump,
                "-javaagent:" + AgentJars.of(RejectingAgent.class, temp) + "=" + victim + ":2"),
                FaultMain.class.getName(), 90);
        assertEquals(0, result.exitCode, result.toString());
        assertTrue(result.stdout.contains("start: sites=false victim=false count=0"), result.toString());
        assertTrue(result.stdout.contains("after enable: sites=true victim=true count=1"), result.toString());
        assertTrue(result.stdout.contains("after disable: sites=false victim=false count=0"), result.toString());
        assertTrue(result.stdout.contains("jmx patchFailures=1"), result.toString());
        assertTrue(result.stderr.contains("WARNING: statickeys: class " + victim + ": the JVM rejected its patched form ("),
                result.toString());
        assertTrue(result.stderr.contains("its sites are plain checks now"), result.toString());
        // The other class's site is still patched: no call of isEnabled left in it.
        Bytecode sites = Bytecode.of(dump.resolve(FaultMain.Sites.class.getName().replace('.', '/') + ".class"));
        assertEquals(0, sites.isEnabledCallsByMethod().get("site"), result.toString());
        Bytecode plain = Bytecode.of(dump.resolve(victim.replace('.', '/') + ".class"));
        assertEquals(1, plain.isEnabledCallsByMethod().get("site"), "the victim's last form is the plain check");
    }

    @Test
    void aHolderTheJvmAlwaysRefusesLeavesItsCallersOnPlainChecksAndLaterClassesInline() throws Exception {
        Path dump = temp.resolve("dump");
        String holder = "dev.statickeys.holders.Key$fault$key";
        ForkedJvm.Result result = ForkedJvm.run(List.of(
                "-javaagent:" + ForkedJvm.agentJar() + "=backend=holder,dump=" + dump,
                "-javaagent:" + AgentJars.of(RejectingAgent.class, temp) + "=" + holder + ":1000"),
                FaultMain.class.getName(), 90, "late");
        assertEquals(0, result.exitCode, result.toString());
        assertTrue(result.stdout.contains("start: sites=false victim=false count=0"), result.toString());
        assertTrue(result.stdout.contains("after enable: sites=true victim=true count=1"), result.toString());
        assertTrue(result.stdout.contains("after disable: sites=false victim=false count=0"), result.toString());
        assertTrue(result.stdout.contains("late class after enable: true"), result.toString());
        assertTrue(result.stdout.contains("late class after disable: false sites=false"), result.toString());
        assertTrue(result.stderr.contains("statickeys: holder " + holder + ": the JVM rejected the new form of"
                + " the holder of static key \"fault.key\""), result.toString());
        assertTrue(result.stderr.contains("the 2 classes calling it are moved to plain checks"), result.toString());
        // Once per channel: java.util.logging's line (SEVERE) and, if the JVM began to exit while it was
        // written, the same message printed to stderr as well (ERROR), as Reports does rather than lose it.
        String rejected = "statickeys: holder " + holder + ": the JVM rejected";
        int logged = count(result.stderr, "SEVERE: " + rejected);
        int printed = count(result.stderr, "ERROR: " + rejected);
        assertTrue(logged <= 1 && printed <= 1 && logged + printed >= 1,
                "refused once; later flips pass the holder over\n" + result);
        assertTrue(result.stdout.contains("jmx patchFailures=1"), result.toString());
        for (Class<?> caller : List.of(FaultMain.Sites.class, FaultMain.Victim.class)) {
            Bytecode plain = Bytecode.of(dump.resolve(caller.getName().replace('.', '/') + ".class"));
            assertEquals(1, plain.isEnabledCallsByMethod().get("site"), caller + " ends with its plain check");
        }
        Bytecode late = Bytecode.of(dump.resolve(FaultMain.Late.class.getName().replace('.', '/') + ".class"));
        assertEquals(0, late.isEnabledCallsByMethod().get("site"), "the late class is patched inline");
        assertEquals(0, late.holderCallsByMethod().get("site"), "the late class does not call the refused holder");
    }

    private static int count(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            count++;
        }
        return count;
    }
}
