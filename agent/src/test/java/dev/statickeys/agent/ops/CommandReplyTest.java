package dev.statickeys.agent.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class CommandReplyTest {
    private static final String NONCE = "0123456789abcdef0123456789abcdef";

    @Test
    void everyStateSurvivesThePropertiesTheAttachChannelCarries() throws IOException {
        for (CommandReply reply : new CommandReply[] {CommandReply.waiting(), CommandReply.flipping(1_700_000_000_123L),
                CommandReply.done(new Command.Answer(1, "refused\nsecond line: \u00e9\n"))}) {
            Properties target = new Properties();
            target.setProperty(CommandReply.property(NONCE), reply.encode());
            // The attach channel stores the target's properties and the tool loads them back.
            StringWriter wire = new StringWriter();
            target.store(wire, null);
            Properties tool = new Properties();
            tool.load(new StringReader(wire.toString()));
            assertEquals(reply, CommandReply.find(tool, NONCE));
        }
    }

    @Test
    void publishedRepliesAreSystemPropertiesUntilWithdrawn() {
        CommandReply.done(new Command.Answer(0, "ok\n")).publish(NONCE);
        assertEquals(new Command.Answer(0, "ok\n").text(), CommandReply.find(System.getProperties(), NONCE).text());
        CommandReply.withdraw(NONCE);
        assertNull(CommandReply.find(System.getProperties(), NONCE));
    }

    @Test
    void anUnreadableReplyIsNamed() {
        String message = assertThrows(IllegalArgumentException.class, () -> CommandReply.decode("maybe\n")).getMessage();
        assertEquals("unreadable answer \"maybe\"", message);
    }
}
