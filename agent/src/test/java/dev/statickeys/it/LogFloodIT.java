package dev.statickeys.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.statickeys.testing.ForkedJvm;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A flood of flips in a 64 MB heap with default logging: the log queue is bounded, so the JVM ends
 * normally, and the messages that did not fit are counted and reported (when the queue has room again,
 * and in all at exit). Today's numbers: 1.9 M flips grew an unbounded queue to 230 MB.
 */
class LogFloodIT {
    private static final Pattern IN_ALL = Pattern.compile(
            "WARNING: statickeys: in all, (\\d+) log messages were dropped: the agent's log queue \\(1000 messages\\) was full");

    private static final Pattern WHEN_ROOM = Pattern.compile(
            "WARNING: statickeys: (\\d+) log messages were dropped: the agent's log queue \\(1000 messages\\) was full");

    /**
     * The application never starts java.util.logging, so every line waits (up to the queue's capacity)
     * until the JVM exits; the queue's worst case.
     */
    @Test
    void aFloodOfFlipsInA64MegabyteHeapEndsNormallyAndReportsTheDroppedLines() throws Exception {
        ForkedJvm.Result result = ForkedJvm.run(List.of("-Xmx64m", "-javaagent:" + ForkedJvm.agentJar()),
                FloodMain.class.getName(), 240, "6");
        String summary = summary(result);
        assertEquals(0, result.exitCode, summary);
        assertFalse(result.stderr.contains("OutOfMemoryError"), summary);
        long flips = Long.parseLong(result.stdout.replaceAll("(?s).*flips done: (\\d+).*", "$1"));
        Matcher inAll = IN_ALL.matcher(result.stderr);
        assertTrue(inAll.find(), "no report of the dropped lines at exit: " + summary);
        long dropped = Long.parseLong(inAll.group(1));
        assertTrue(dropped > 0 && dropped < flips, "dropped " + dropped + " of " + flips + " lines: " + summary);
        Matcher whenRoom = WHEN_ROOM.matcher(result.stderr);
        assertTrue(whenRoom.find(), "no report once the queue had room: " + summary);
        assertEquals(dropped, Long.parseLong(whenRoom.group(1)), summary);
        long written = result.stderr.lines().filter(line -> line.startsWith("INFO: statickeys: flip: flood.key")).count();
        assertTrue(written > 0 && written <= 1_000, written + " flip lines written: " + summary);
    }

    /** With java.util.logging started, lines are written as they come; whatever does not fit is still counted. */
    @Test
    void aFloodWrittenThroughTheApplicationsLoggingEndsNormally() throws Exception {
        ForkedJvm.Result result = ForkedJvm.run(List.of("-Xmx64m", "-javaagent:" + ForkedJvm.agentJar()),
                FloodMain.class.getName(), 240, "6", "jul");
        String summary = summary(result);
        assertEquals(0, result.exitCode, summary);
        assertFalse(result.stderr.contains("OutOfMemoryError"), summary);
        // java.util.logging's default format: a line naming the logging method, then LEVEL: message.
        assertTrue(Pattern.compile("dev\\.statickeys\\.agent\\.Reports \\w+\nINFO: statickeys: flip: flood\\.key")
                .matcher(result.stderr).find(),
                "the lines go through java.util.logging: " + summary);
    }

    /** The result without the flood of lines, which would bury a failure message. */
    private static String summary(ForkedJvm.Result result) {
        String[] lines = result.stderr.split("\n");
        StringBuilder out = new StringBuilder("exit " + result.exitCode + ", " + lines.length + " lines on stderr\n--- stdout\n"
                + result.stdout + "--- stderr (first 20 lines, then every line not about a flip)\n");
        for (int i = 0; i < lines.length; i++) {
            if (i < 20 || !lines[i].contains("flip: flood.key") && !lines[i].contains("dev.statickeys.agent.Reports")) {
                out.append(lines[i]).append('\n');
            }
        }
        return out.toString();
    }
}
