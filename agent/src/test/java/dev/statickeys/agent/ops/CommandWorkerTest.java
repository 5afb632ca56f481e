package dev.statickeys.agent.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import org.junit.jupiter.api.Test;

class CommandWorkerTest {
    /** A host that fails the test if the worker asks it for anything. */
    private static final CommandHost UNTOUCHED = new CommandHost() {
        @Override
        public StaticKeysBean operations() {
            return fail("the command must not reach the agent");
        }

        @Override
        public List<Class<?>> apiClasses() {
            return fail("the command must not reach the API");
        }

        @Override
        public StaticKeysBean install() {
            return fail("the command must not install the agent");
        }
    };

    @Test
    void aCommandOfAnotherBuildIsRefusedNamingBothBuilds() {
        Build other = new Build("0.0.1", "19700101-000000.000");
        Command command = new Command(other, nonce(), System.currentTimeMillis() + 60_000, "enable", "a.key");
        CommandReply reply = runAndRead(command);
        assertEquals(CommandReply.State.DONE, reply.state());
        assertEquals(1, reply.status());
        assertTrue(reply.text().contains("runs the statickeys agent " + Build.current() + ", but this command is "
                + "0.0.1 (build 19700101-000000.000)"), reply.text());
    }

    @Test
    void aCommandThatArrivesAfterTheToolsDeadlineChangesNothing() {
        Command command = new Command(Build.current(), nonce(), System.currentTimeMillis(), "enable", "a.key");
        CommandReply reply = runAndRead(command);
        assertEquals(1, reply.status());
        assertTrue(reply.text().contains("gave up enable a.key at "), reply.text());
        assertTrue(reply.text().endsWith("the tool's deadline had passed when the command arrived; no key was changed\n"),
                reply.text());
    }

    /** The answer the worker computes (before it publishes it). */
    private static CommandReply runAndRead(Command command) {
        try {
            return CommandReply.done(new CommandWorker(command, UNTOUCHED).answer());
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    private static String nonce() {
        return Command.create("list", null, 0).nonce();
    }
}
