package dev.statickeys.agent.tool;

import com.sun.tools.attach.AgentInitializationException;
import com.sun.tools.attach.AgentLoadException;
import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;
import dev.statickeys.agent.ops.Command;
import dev.statickeys.agent.ops.CommandReply;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;

/**
 * The attach half of {@link AttachTool}: loads the agent jar into the target with a {@link Command}, then
 * reads the target's {@link CommandReply} from its system properties through the same attach channel
 * until the answer is final or the deadline passes. Everything talking to the target runs on a thread of
 * its own, so that a target that does not answer at all (attach or agent loading stuck) cannot keep the
 * tool past its deadline plus {@value #LAST_READ_MILLIS} ms.
 */
final class Attacher {
    private static final long POLL_MILLIS = 50;
    /** How long the tool waits past its deadline for its last read of the target's reply. */
    private static final long LAST_READ_MILLIS = 2_000;

    private Attacher() {}

    static int run(AttachRequest request, Path agentJar, PrintStream out, PrintStream err) {
        long deadline = System.currentTimeMillis() + request.timeout().toMillis();
        Exchange exchange = new Exchange(request, Command.create(request.operation(), request.key(), deadline), agentJar);
        Thread thread = new Thread(exchange, "statickeys-attach");
        thread.setDaemon(true);
        thread.start();
        try {
            thread.join(Math.max(1, deadline + LAST_READ_MILLIS - System.currentTimeMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Command.Answer answer = exchange.answer;
        if (answer == null) {
            answer = timedOut(request, exchange.last);
        }
        (answer.status() == 0 ? out : err).print(answer.text());
        return answer.status();
    }

    /** What the tool says when the deadline passed without a final answer, given the last reply seen. */
    static Command.Answer timedOut(AttachRequest request, CommandReply last) {
        String prefix = "statickeys: process " + request.pid();
        String within = " within " + shown(request);
        if (last == null) {
            return new Command.Answer(1, prefix + " did not take the command '" + request.describe() + "'" + within
                    + "; it would give the command up after that time, so no key was changed\n");
        }
        if (last.state() == CommandReply.State.FLIPPING) {
            return new Command.Answer(1, prefix + " started '" + request.describe() + "' at "
                    + Instant.ofEpochMilli(last.sinceEpochMillis()) + " but had not finished it" + within
                    + "; the flip completes or fails there on its own (a slow retransformation or another agent's"
                    + " transformer may hold it up); see the key's state with: java -jar statickeys-agent.jar "
                    + request.pid() + " list\n");
        }
        return new Command.Answer(1, prefix + " did not answer '" + request.describe() + "'" + within
                + " (it was waiting for the flip lock or installing the agent); it gives the command up at that"
                + " time, so no key was changed\n");
    }

    private static String shown(AttachRequest request) {
        long millis = request.timeout().toMillis();
        return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
    }

    /** One conversation with the target; its results are read by the tool's main thread. */
    private static final class Exchange implements Runnable {
        private final AttachRequest request;
        private final Command command;
        private final Path agentJar;
        /** The last reply read from the target, or null. */
        volatile CommandReply last;
        /** The final answer, or null while there is none. */
        volatile Command.Answer answer;

        Exchange(AttachRequest request, Command command, Path agentJar) {
            this.request = request;
            this.command = command;
            this.agentJar = agentJar;
        }

        @Override
        public void run() {
            long pid = request.pid();
            try {
                VirtualMachine vm = attach(pid);
                try {
                    vm.loadAgent(agentJar.toString(), command.encode());
                    answer = poll(vm);
                } finally {
                    vm.detach();
                }
            } catch (AttachNotSupportedException e) {
                answer = failed("statickeys: cannot attach to process " + pid + ": " + e.getMessage()
                        + " (is it a running JVM of this user, or are you root, and was it started without"
                        + " -XX:+DisableAttachMechanism?)");
            } catch (AgentLoadException e) {
                answer = failed("statickeys: process " + pid + " could not load the agent jar " + agentJar + ": "
                        + e.getMessage() + "; the target's user must be able to read it at that path");
            } catch (AgentInitializationException e) {
                answer = failed("statickeys: process " + pid + " could not run the command: " + e.getMessage()
                        + "; a target running the statickeys agent of an older build refuses commands of this"
                        + " one (see that JVM's standard error)");
            } catch (IllegalArgumentException e) {
                answer = failed("statickeys: process " + pid + " gave an answer this build cannot read: " + e.getMessage());
            } catch (IOException e) {
                answer = failed("statickeys: talking to process " + pid + " failed: " + e);
            } catch (InterruptedException e) {
                answer = timedOut(request, last);
            }
        }

        /** Reads the reply until it is final; the read after the deadline is the last. */
        private Command.Answer poll(VirtualMachine vm) throws IOException, InterruptedException {
            while (true) {
                long now = System.currentTimeMillis();
                CommandReply reply = CommandReply.find(vm.getSystemProperties(), command.nonce());
                if (reply != null) {
                    last = reply;
                    if (reply.state() == CommandReply.State.DONE) {
                        return new Command.Answer(reply.status(), reply.text());
                    }
                }
                if (now >= command.deadlineEpochMillis()) {
                    return timedOut(request, last);
                }
                Thread.sleep(Math.min(POLL_MILLIS, command.deadlineEpochMillis() - now + 1));
            }
        }

        private static Command.Answer failed(String message) {
            return new Command.Answer(1, message + "\n");
        }

        private static VirtualMachine attach(long pid) throws AttachNotSupportedException {
            try {
                return VirtualMachine.attach(Long.toString(pid));
            } catch (IOException e) {
                // "No such process", or a JVM that does not answer: both mean there is nothing to attach to.
                throw new AttachNotSupportedException(e.getMessage());
            }
        }
    }
}
