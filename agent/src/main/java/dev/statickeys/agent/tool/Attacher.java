package dev.statickeys.agent.tool;

import com.sun.tools.attach.AgentInitializationException;
import com.sun.tools.attach.AgentLoadException;
import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;
import dev.statickeys.agent.ops.Command;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** The attach half of {@link AttachTool}: loads the agent jar into the target with a {@link Command}. */
final class Attacher {
    private Attacher() {}

    static int run(long pid, String operation, String key, Path agentJar, PrintStream out, PrintStream err) {
        Path answerFile = null;
        try {
            // Created by this user, readable by this user only: the target (same user) writes the answer.
            answerFile = Files.createTempFile("statickeys-answer", ".txt");
            VirtualMachine vm = attach(pid);
            try {
                vm.loadAgent(agentJar.toString(), Command.encode(operation, key, answerFile));
            } finally {
                vm.detach();
            }
            Command.Answer answer = Command.read(answerFile);
            (answer.status() == 0 ? out : err).print(answer.text());
            return answer.status();
        } catch (AttachNotSupportedException e) {
            err.println("statickeys: cannot attach to process " + pid + ": " + e.getMessage()
                    + " (is it a running JVM of this user, started without -XX:+DisableAttachMechanism?)");
            return 1;
        } catch (AgentLoadException | AgentInitializationException e) {
            err.println("statickeys: process " + pid + " could not run the command: " + e.getMessage()
                    + "; see that JVM's standard error");
            return 1;
        } catch (IOException e) {
            err.println("statickeys: talking to process " + pid + " failed: " + e);
            return 1;
        } finally {
            deleteQuietly(answerFile);
        }
    }

    private static VirtualMachine attach(long pid) throws AttachNotSupportedException {
        try {
            return VirtualMachine.attach(Long.toString(pid));
        } catch (IOException e) {
            // "No such process", or a JVM that does not answer: both mean there is nothing to attach to.
            throw new AttachNotSupportedException(e.getMessage());
        }
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // a temporary file left behind
            }
        }
    }
}
