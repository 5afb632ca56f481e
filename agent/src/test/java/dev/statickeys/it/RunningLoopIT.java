package dev.statickeys.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.statickeys.fixtures.LoopSites;
import dev.statickeys.testing.ForkedJvm;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A thread looping in a method with a site while the key flips, in a JVM of its own with this run's
 * backend. The holder backend never retransforms the looping class, so the frame sees the flip. The
 * inline backend must retransform it: the frame keeps its old code (it cannot see the flip), the frame
 * is named in a warning, and the class moves to holders so later flips leave it alone.
 */
class RunningLoopIT {
    private static final String BACKEND = System.getProperty("it.statickeys.backend", "holder");
    private static final String LOOP_FRAME = "thread \"spinner\" in " + LoopSites.class.getName() + ".spinUntilEnabled(";

    @Test
    void aLoopingFrameFollowsTheFlipOrIsNamedAndMovedToHolders() throws Exception {
        boolean holder = BACKEND.equals("holder");
        String bound = holder ? "60" : "2"; // holder: a generous bound for a noisy machine
        ForkedJvm.Result run = ForkedJvm.run(List.of("-javaagent:" + ForkedJvm.agentJar() + "=backend=" + BACKEND),
                RunningLoopMain.class.getName(), 120, bound);
        assertEquals(0, run.exitCode, run.toString());
        assertTrue(run.stdout.contains("backend: " + BACKEND.toUpperCase()), run.toString());
        assertTrue(run.stdout.contains("a new call sees the enable: true"), run.toString());
        if (holder) {
            assertTrue(run.stdout.contains("running frame saw the enable: true"), run.toString());
            assertTrue(run.stdout.contains("enable siteClassesRetransformed: 0"), run.toString());
            assertTrue(run.stdout.contains("enable holdersRetransformed: 1"), run.toString());
            assertTrue(!run.stderr.contains(LOOP_FRAME), run.toString());
        } else {
            assertTrue(run.stdout.contains("running frame saw the enable: false"), run.toString());
            assertTrue(run.stdout.contains("enable classesMovedToHolders: 1"), run.toString());
            assertTrue(run.stderr.contains(LOOP_FRAME), "the warning names the frame: " + run);
            assertTrue(run.stderr.contains("class " + LoopSites.class.getName() + " is being retransformed for a flip"),
                    run.toString());
            // Moved to holders: the next flip retransforms the holder, not the class.
            assertTrue(run.stdout.contains("disable siteClassesRetransformed: 0"), run.toString());
            assertTrue(run.stdout.contains("disable holdersRetransformed: 1"), run.toString());
        }
    }

    /**
     * A frame waiting in a class without loops: its sites run at most once more each, so the inline backend
     * does not look for it (no stack walk at a safepoint), names no frame and moves nothing to holders; the
     * frame finishes on the code it started with.
     */
    @Test
    void aFrameOfALoopFreeClassIsNeitherSearchedForNorMovedAndFinishesOnItsCode() throws Exception {
        boolean holder = BACKEND.equals("holder");
        ForkedJvm.Result run = ForkedJvm.run(List.of("-javaagent:" + ForkedJvm.agentJar() + "=backend=" + BACKEND),
                WaitingFrameMain.class.getName(), 120);
        assertEquals(0, run.exitCode, run.toString());
        assertTrue(run.stdout.contains("backend: " + BACKEND.toUpperCase()), run.toString());
        assertTrue(run.stdout.contains("a new call sees: enabled/enabled"), run.toString());
        assertTrue(run.stdout.contains("enable classesMovedToHolders: 0"), run.toString());
        assertTrue(!run.stderr.contains("is being retransformed for a flip"), run.toString());
        if (holder) {
            assertTrue(run.stdout.contains("waiting frame saw: disabled/enabled"), run.toString());
            assertTrue(run.stdout.contains("enable holdersRetransformed: 1"), run.toString());
        } else {
            assertTrue(run.stdout.contains("waiting frame saw: disabled/disabled"), run.toString());
            assertTrue(run.stdout.contains("enable siteClassesRetransformed: 1"), run.toString());
        }
    }
}
