package dev.statickeys.agent.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CommandTest {
    @Test
    void aCommandSurvivesTheAgentArguments() {
        Command command = Command.create("enable", "a.key", 1_700_000_000_123L);
        Command decoded = Command.decode(command.encode());
        assertEquals(command, decoded);
        assertEquals(Build.current(), decoded.build());
        assertTrue(decoded.flips());
        assertEquals("enable a.key", decoded.describe());
        Command list = Command.decode(Command.create("list", null, 5).encode());
        assertNull(list.key());
        assertFalse(list.flips());
    }

    @Test
    void everyCommandHasItsOwnNonce() {
        assertNotEquals(Command.create("list", null, 5).nonce(), Command.create("list", null, 5).nonce());
        assertTrue(Command.create("list", null, 5).nonce().matches("[0-9a-f]{32}"));
    }

    @Test
    void agentOptionsAndTheFirstWireFormAreNotCommands() {
        assertFalse(Command.isCommand("backend=inline"));
        assertFalse(Command.isCommand(null));
        // The form answered in a file: a build that reads it must not take this one for it, nor the reverse.
        assertFalse(Command.isCommand("statickeys-command:enable:a:/tmp/answer.txt"));
        assertTrue(Command.isCommand(Command.create("list", null, 5).encode()));
    }

    @Test
    void malformedCommandsAreNamed() {
        String bad = "statickeys-command/2:1.0/x:nonce:5:flip:a";
        String message = assertThrows(IllegalArgumentException.class, () -> Command.decode(bad)).getMessage();
        assertEquals("malformed statickeys command '" + bad + "'", message);
    }

    @Test
    void buildIdsRoundTripAndNeverCarryAColon() {
        Build build = new Build("1.0:rc", "20250101-000000.000");
        assertEquals("1.0_rc/20250101-000000.000", build.id());
        assertEquals(new Build("1.0_rc", "20250101-000000.000"), Build.parse(build.id()));
        assertEquals("1.0 (build 2)", new Build("1.0", "2").toString());
    }
}
