package dev.statickeys.it;

import dev.statickeys.testing.AgentJars;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.statickeys.testing.ForkedJvm;
import dev.statickeys.testing.LoadingAgent;
import dev.statickeys.testing.NestingAgent;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The lock discipline beside another agent (README, "Lock order"): the flip lock is never taken on the
 * class-loading path, so an agent that loads classes in its transformer while statickeys patches cannot
 * deadlock with a thread loading a class that defines a key; and a flip made from inside a patch is
 * refused, leaving every key consistent.
 */
class LockOrderIT {
    @TempDir
    Path temp;

    @ParameterizedTest
    @ValueSource(strings = {"holder", "inline"})
    void anAgentThatLoadsClassesWhileWePatchCannotDeadlockWithAThreadDefiningAKey(String backend) throws Exception {
        ForkedJvm.Result result = ForkedJvm.run(List.of(
                "-javaagent:" + ForkedJvm.agentJar() + "=backend=" + backend,
                "-javaagent:" + AgentJars.of(LoadingAgent.class, temp) + "="
                        + LockOrderMain.Victim.class.getName()),
                LockOrderMain.class.getName(), 120);
        assertEquals(0, result.exitCode, result.toString());
        assertTrue(result.stdout.contains("completed: victim true, sites true, counts 1 1"), result.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"holder", "inline"})
    void aFlipFromAnotherAgentsTransformerDuringAFlipIsRefusedAndStateStaysConsistent(String backend)
            throws Exception {
        ForkedJvm.Result result = ForkedJvm.run(List.of(
                "-javaagent:" + ForkedJvm.agentJar() + "=backend=" + backend,
                "-javaagent:" + AgentJars.of(NestingAgent.class, temp) + "=nested.inner"),
                NestedFlipMain.class.getName(), 120);
        assertEquals(0, result.exitCode, result.toString());
        assertTrue(result.stdout.contains("nested flip: refused: cannot flip static key \"nested.inner\" now: this"
                + " thread is patching"), result.toString());
        assertTrue(result.stdout.contains("after outer: inner count 0, site false"), result.toString());
        assertTrue(result.stdout.contains("after enable: inner count 1, site true"), result.toString());
        assertTrue(result.stdout.contains("after disable: inner count 0, site false"), result.toString());
    }
}
