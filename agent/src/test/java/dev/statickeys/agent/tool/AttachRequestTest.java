package dev.statickeys.agent.tool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class AttachRequestTest {
    @Test
    void argumentsWithAndWithoutATimeout() {
        assertEquals(new AttachRequest(42, "list", null, AttachRequest.DEFAULT_TIMEOUT),
                AttachRequest.parse(new String[] {"42", "list"}));
        assertEquals(new AttachRequest(42, "enable", "a.b-c_d", Duration.ofSeconds(10)),
                AttachRequest.parse(new String[] {"42", "--timeout=10s", "enable", "a.b-c_d"}));
        assertEquals(new AttachRequest(42, "disable", "k", Duration.ofMillis(1500)),
                AttachRequest.parse(new String[] {"42", "disable", "k", "--timeout=1500ms"}));
        assertEquals(Duration.ofMinutes(2), AttachRequest.timeout("2m"));
    }

    @Test
    void aKeyNameWithAColonIsRefusedBeforeAnythingIsSent() {
        assertEquals("invalid static key name \"k:x\": character ':' at index 1 is not allowed; expected 1 to 200"
                + " characters from [A-Za-z0-9._-]", refused("42", "enable", "k:x"));
        assertEquals("invalid static key name \"bad name\": character ' ' at index 3 is not allowed; expected 1 to 200"
                + " characters from [A-Za-z0-9._-]", refused("42", "disable", "bad name"));
        assertEquals("invalid static key name \"\": length 0; expected 1 to 200 characters from [A-Za-z0-9._-]",
                refused("42", "enable", ""));
        assertEquals("invalid static key name \"" + "k".repeat(60) + "...\": length 201; expected 1 to 200 characters"
                + " from [A-Za-z0-9._-]", refused("42", "enable", "k".repeat(201)));
        assertEquals("invalid static key name \"k?\": character U+00E9 at index 1 is not allowed; expected 1 to 200"
                + " characters from [A-Za-z0-9._-]", refused("42", "enable", "k\u00e9"));
    }

    @Test
    void badTimeoutsAreRefusedWithWhatIsExpected() {
        assertEquals("invalid --timeout=10; expected a time such as 10s, 500ms or 2m", refused("42", "--timeout=10", "list"));
        assertEquals("invalid --timeout=-1s; expected a time such as 10s, 500ms or 2m", refused("42", "--timeout=-1s", "list"));
        assertEquals("invalid --timeout=999ms; expected 1s to 1h (60m)", refused("42", "--timeout=999ms", "list"));
        assertEquals("invalid --timeout=61m; expected 1s to 1h (60m)", refused("42", "--timeout=61m", "list"));
        assertEquals("unknown option '--wait=1s'; expected --timeout=<time>", refused("42", "--wait=1s", "list"));
    }

    @Test
    void badCommandsAreNamed() {
        assertEquals("'x' is not a process id", refused("x", "list"));
        assertEquals("missing command after the pid 42", refused("42"));
        assertEquals("unknown command 'flip'; expected one of [list, enable, disable]", refused("42", "flip", "k"));
        assertEquals("'enable' takes 1 argument (the key name), got 0", refused("42", "enable"));
        assertEquals("'list' takes 0 arguments, got 1", refused("42", "list", "k"));
    }

    private static String refused(String... args) {
        return assertThrows(IllegalArgumentException.class, () -> AttachRequest.parse(args)).getMessage();
    }
}
