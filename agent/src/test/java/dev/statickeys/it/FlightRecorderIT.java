package dev.statickeys.it;

import dev.statickeys.testing.RejectingAgent;
import dev.statickeys.testing.AgentJars;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.statickeys.testing.ForkedJvm;
import java.nio.file.Path;
import java.util.List;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent's JFR events, recorded in a forked JVM and read back with {@code jdk.jfr.consumer}, as
 * {@code jfr print} shows them.
 */
class FlightRecorderIT {
    @TempDir
    Path temp;

    @Test
    void aFlipAndAClassThatCouldNotBePatchedAreRecorded() throws Exception {
        Path recording = temp.resolve("flips.jfr");
        String victim = FaultMain.Victim.class.getName();
        ForkedJvm.Result result = ForkedJvm.run(List.of(
                "-javaagent:" + ForkedJvm.agentJar() + "=backend=inline",
                // Rejects the victim's patched bytes in the batch and alone; its plain form is accepted.
                "-javaagent:" + AgentJars.of(RejectingAgent.class, temp) + "=" + victim + ":2",
                "-XX:StartFlightRecording=dumponexit=true,filename=" + recording),
                FaultMain.class.getName(), 90);
        assertEquals(0, result.exitCode, result.toString());
        // The victim reads the key through its plain check: still correct.
        assertTrue(result.stdout.contains("after enable: sites=true victim=true count=1"), result.toString());

        List<RecordedEvent> events = RecordingFile.readAllEvents(recording);
        RecordedEvent flip = only(events, "dev.statickeys.Flip", true);
        assertEquals("fault.key", flip.getString("key"));
        assertEquals("inline", flip.getString("backend"));
        assertEquals(2, flip.getInt("classesRetransformed"));
        assertEquals(1, flip.getInt("failedClasses"));
        assertTrue(flip.getDuration().toNanos() > 0, flip.toString());
        // The victim has plain checks since: the disable re-patches the other class alone, without failure.
        RecordedEvent back = only(events, "dev.statickeys.Flip", false);
        assertEquals(1, back.getInt("classesRetransformed"));
        assertEquals(0, back.getInt("failedClasses"));

        RecordedEvent failure = only(events, "dev.statickeys.PatchFailure", null);
        assertEquals(victim, failure.getString("className"));
        assertEquals("fault.key", failure.getString("keys"));
        assertTrue(failure.getString("reason").contains("its sites are plain checks now"), failure.toString());
    }

    @Test
    void aHolderTheJvmRefusesIsRecordedAsAPatchFailure() throws Exception {
        Path recording = temp.resolve("holder.jfr");
        String holder = "dev.statickeys.holders.Key$fault$key";
        ForkedJvm.Result result = ForkedJvm.run(List.of(
                "-javaagent:" + ForkedJvm.agentJar() + "=backend=holder",
                "-javaagent:" + AgentJars.of(RejectingAgent.class, temp) + "=" + holder + ":1000",
                "-XX:StartFlightRecording=dumponexit=true,filename=" + recording),
                FaultMain.class.getName(), 90);
        assertEquals(0, result.exitCode, result.toString());
        assertTrue(result.stdout.contains("after enable: sites=true victim=true count=1"), result.toString());

        List<RecordedEvent> events = RecordingFile.readAllEvents(recording);
        RecordedEvent flip = only(events, "dev.statickeys.Flip", true);
        assertEquals(1, flip.getInt("failedClasses"));
        RecordedEvent failure = only(events, "dev.statickeys.PatchFailure", null);
        assertEquals(holder, failure.getString("className"));
        assertEquals("fault.key", failure.getString("keys"));
        assertTrue(failure.getString("reason").contains("the 2 classes calling it are moved to plain checks"),
                failure.toString());
    }

    @Test
    void withoutARecordingAFlipDoesNotSetUpTheFlightRecorder() throws Exception {
        // Setting JFR up on the first event took a first flip from 12-14 ms to 237-331 ms.
        ForkedJvm.Result result = ForkedJvm.run(List.of("-javaagent:" + ForkedJvm.agentJar()),
                FaultMain.class.getName(), 90);
        assertEquals(0, result.exitCode, result.toString());
        assertTrue(result.stdout.contains("jfr initialized: false"), result.toString());
        assertTrue(result.stdout.contains("after enable: sites=true victim=true count=1"), result.toString());
    }

    /** The one event of {@code type} (with that {@code enabled} field, unless null). */
    private static RecordedEvent only(List<RecordedEvent> events, String type, Boolean enabled) {
        List<RecordedEvent> found = events.stream().filter(e -> e.getEventType().getName().equals(type))
                .filter(e -> enabled == null || e.getBoolean("enabled") == enabled).toList();
        assertEquals(1, found.size(), type + ": " + found);
        return found.get(0);
    }
}
