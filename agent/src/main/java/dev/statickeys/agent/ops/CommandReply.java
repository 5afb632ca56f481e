package dev.statickeys.agent.ops;

import java.util.Properties;

/**
 * What the target JVM tells the attach tool about one {@link Command}, published as the system property
 * {@code dev.statickeys.command.<nonce>} (outside the {@code statickeys.} agent settings) and read by the tool with {@code VirtualMachine.getSystemProperties()}.
 *
 * <p>Why a system property: the JDK's attach channel already reaches the target as root for another
 * user's JVM and across mount namespaces (it finds the target's socket through {@code /proc/<pid>/root}),
 * and it lets only the target's user and root in. An answer carried on it needs no file in anybody's
 * {@code /tmp}, so none can be left behind, be unwritable for the target, or be readable by others. The
 * property lives in the target's memory only, and the target removes it a few seconds after the final
 * answer ({@link CommandWorker}).
 *
 * <p>Value: the state on the first line ({@code waiting}, {@code flipping <epoch millis>},
 * {@code done <status>}), then the text to print (final answers only).
 *
 * @param state where the command is
 * @param status the exit status (for {@link State#DONE})
 * @param sinceEpochMillis when the flip started (for {@link State#FLIPPING}), else 0
 * @param text what the tool prints (for {@link State#DONE}), else empty
 */
public record CommandReply(State state, int status, long sinceEpochMillis, String text) {
    static final String PROPERTY_PREFIX = "dev.statickeys.command.";

    /** Where a command is. */
    public enum State {
        /** Accepted; not flipping (waiting for the flip lock, installing the agent, or listing). */
        WAITING,
        /** Holds the flip lock and patches: the flip completes or fails on its own from here. */
        FLIPPING,
        /** Answered; {@link #status} and {@link #text} are final. */
        DONE
    }

    static CommandReply waiting() {
        return new CommandReply(State.WAITING, 0, 0, "");
    }

    static CommandReply flipping(long sinceEpochMillis) {
        return new CommandReply(State.FLIPPING, 0, sinceEpochMillis, "");
    }

    static CommandReply done(Command.Answer answer) {
        return new CommandReply(State.DONE, answer.status(), 0, answer.text());
    }

    /** The system property the answer to the command with {@code nonce} is published in. */
    public static String property(String nonce) {
        return PROPERTY_PREFIX + nonce;
    }

    /** The reply to the command with {@code nonce} in {@code properties} (the target's), or null if none. */
    public static CommandReply find(Properties properties, String nonce) {
        String value = properties.getProperty(property(nonce));
        return value == null ? null : decode(value);
    }

    String encode() {
        String first = switch (state) {
            case WAITING -> "waiting";
            case FLIPPING -> "flipping " + sinceEpochMillis;
            case DONE -> "done " + status;
        };
        return first + "\n" + text;
    }

    /** @throws IllegalArgumentException for a value this build does not write */
    static CommandReply decode(String value) {
        int newline = value.indexOf('\n');
        String first = newline < 0 ? value : value.substring(0, newline);
        String text = newline < 0 ? "" : value.substring(newline + 1);
        if (first.equals("waiting")) {
            return waiting();
        }
        if (first.matches("flipping [0-9]{1,18}")) {
            return flipping(Long.parseLong(first.substring("flipping ".length())));
        }
        if (first.matches("done [0-9]{1,3}")) {
            return new CommandReply(State.DONE, Integer.parseInt(first.substring("done ".length())), 0, text);
        }
        throw new IllegalArgumentException("unreadable answer \"" + first + "\"");
    }

    /** Publishes this reply for the command with {@code nonce} in this JVM's system properties. */
    void publish(String nonce) {
        System.setProperty(property(nonce), encode());
    }

    /** Removes the reply to the command with {@code nonce} from this JVM's system properties. */
    static void withdraw(String nonce) {
        System.clearProperty(property(nonce));
    }
}
