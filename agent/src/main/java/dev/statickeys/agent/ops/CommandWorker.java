package dev.statickeys.agent.ops;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;

/**
 * Runs one {@link Command} in the target JVM on a thread of its own, so that the JVM's single Attach
 * Listener thread (which also serves {@code jcmd}, {@code jstack} and every other attach) returns at
 * once: {@link #start} publishes {@code waiting}, starts the worker and returns.
 *
 * <p>The worker answers through {@link CommandReply}. {@code list} takes no flip lock. A flip waits for
 * the flip lock only until {@value #MARGIN_MILLIS} ms before the tool's deadline (a timed wait, which an
 * interrupt also ends); it then publishes {@code flipping} and checks the clock once more, so that a flip
 * starts only if the tool, reading after its deadline, will see that it started. Hence, when the tool
 * times out: if it saw {@code flipping}, the flip may still complete or fail; otherwise no key was or will
 * be changed by this command. A flip that started runs to its end whatever the tool does.
 *
 * <p>The final answer stays published for {@value #LINGER_MILLIS} ms, long enough for the tool's next
 * read, then the worker removes it and ends. The thread is a daemon whose context class loader is the
 * system loader; it is created on the Attach Listener thread, whose stack holds no application code, so
 * it keeps no application class loader or access control context alive.
 */
public final class CommandWorker implements Runnable {
    /** How long before the tool's deadline the worker stops trying to start a flip. */
    static final long MARGIN_MILLIS = 250;
    /** How long a final answer stays published. */
    static final long LINGER_MILLIS = 5_000;

    private final Command command;
    private final CommandHost host;
    private final long cutoff;

    CommandWorker(Command command, CommandHost host) {
        this.command = command;
        this.host = host;
        this.cutoff = command.deadlineEpochMillis() - MARGIN_MILLIS;
    }

    /**
     * Called from {@code agentmain} on the Attach Listener thread: accepts the command in
     * {@code arguments} and returns at once.
     *
     * @throws IllegalArgumentException if {@code arguments} is not a well-formed command (the tool then
     *     sees the agent's initialization fail)
     */
    public static void start(String arguments, CommandHost host) {
        Command command = Command.decode(arguments);
        CommandReply.waiting().publish(command.nonce());
        Thread thread = new Thread(new CommandWorker(command, host), "statickeys-command");
        thread.setDaemon(true);
        thread.setContextClassLoader(ClassLoader.getSystemClassLoader());
        thread.start();
    }

    @Override
    public void run() {
        Command.Answer answer;
        try {
            answer = answer();
        } catch (InterruptedException e) {
            answer = gaveUp("it was interrupted while waiting for the flip lock");
        } catch (RuntimeException | LinkageError e) {
            answer = new Command.Answer(1, "statickeys: process " + ProcessHandle.current().pid() + " failed to "
                    + command.describe() + ": " + e + "\n");
        }
        CommandReply.done(answer).publish(command.nonce());
        try {
            Thread.sleep(LINGER_MILLIS);
        } catch (InterruptedException e) {
            // withdraw now
        } finally {
            CommandReply.withdraw(command.nonce());
        }
    }

    /** The command's answer; package-private for tests. */
    Command.Answer answer() throws InterruptedException {
        Build build = Build.current();
        if (!command.build().equals(build)) {
            return new Command.Answer(1, "statickeys: process " + ProcessHandle.current().pid()
                    + " runs the statickeys agent " + build + ", but this command is " + command.build()
                    + "; run the command with the agent jar of the target's build\n");
        }
        if (System.currentTimeMillis() >= cutoff) {
            // Attaching or loading took the tool's whole time: change nothing, not even install the agent.
            return gaveUp("the tool's deadline had passed when the command arrived");
        }
        StaticKeysBean bean = host.operations();
        if (bean == null) {
            List<Class<?>> api = host.apiClasses();
            if (!api.isEmpty()) {
                // The application's own API flips under its own lock, which cannot be waited for with a
                // deadline: the flip starts only before the cutoff, then runs to its end.
                if (command.flips() && !startFlip()) {
                    return gaveUp("the tool's deadline had passed");
                }
                return CommandRunner.runThroughApi(command, api);
            }
            bean = host.install();
        }
        return command.flips() ? flip(bean) : new Command.Answer(0, CommandRunner.list(bean));
    }

    private Command.Answer flip(StaticKeysBean bean) throws InterruptedException {
        Lock lock = bean.flipLock();
        if (!lock.tryLock(Math.max(0, cutoff - System.currentTimeMillis()), TimeUnit.MILLISECONDS)) {
            return gaveUp("another flip held the flip lock until the tool's deadline");
        }
        try {
            if (!startFlip()) {
                return gaveUp("the tool's deadline had passed");
            }
            return CommandRunner.run(command, bean);
        } finally {
            lock.unlock();
        }
    }

    /** Publishes {@code flipping}; true if that happened before the cutoff, so the flip may start. */
    private boolean startFlip() {
        long now = System.currentTimeMillis();
        if (now >= cutoff) {
            return false;
        }
        CommandReply.flipping(now).publish(command.nonce());
        if (System.currentTimeMillis() >= cutoff) {
            // Published too late to be sure the tool read it: do not flip. The tool may have read
            // "flipping" and said the flip may still happen; that errs on the safe side.
            CommandReply.waiting().publish(command.nonce());
            return false;
        }
        return true;
    }

    private Command.Answer gaveUp(String why) {
        return new Command.Answer(1, "statickeys: process " + ProcessHandle.current().pid() + " gave up "
                + command.describe() + " at " + Instant.ofEpochMilli(System.currentTimeMillis()) + ": " + why
                + "; no key was changed\n");
    }
}
