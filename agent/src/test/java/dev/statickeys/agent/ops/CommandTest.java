package dev.statickeys.agent.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandTest {
    @TempDir
    Path temp;

    @Test
    void aCommandSurvivesTheAgentArgumentsAndItsAnswerTheFile() throws IOException {
        Path answer = temp.resolve("odd:name.txt");
        Command command = Command.decode(Command.encode("enable", "a.key", answer));
        assertEquals("enable", command.operation());
        assertEquals("a.key", command.key());
        command.answer(1, "refused\nsecond line\n");
        assertEquals(new Command.Answer(1, "refused\nsecond line\n"), Command.read(answer));
        assertNull(Command.decode(Command.encode("list", null, answer)).key());
    }

    @Test
    void agentOptionsAreNotCommands() {
        assertFalse(Command.isCommand("backend=inline"));
        assertFalse(Command.isCommand(null));
        assertTrue(Command.isCommand(Command.encode("list", null, temp)));
    }

    @Test
    void malformedCommandsAndAnswersAreNamed() throws IOException {
        String message = assertThrows(IllegalArgumentException.class,
                () -> Command.decode("statickeys-command:flip:a:/tmp/x")).getMessage();
        assertEquals("malformed statickeys command 'statickeys-command:flip:a:/tmp/x'", message);
        Path empty = Files.writeString(temp.resolve("empty"), "");
        IOException noAnswer = assertThrows(IOException.class, () -> Command.read(empty));
        assertTrue(noAnswer.getMessage().startsWith("the target JVM gave no answer"), noAnswer.getMessage());
    }
}
