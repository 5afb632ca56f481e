package dev.statickeys.agent.ops;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A command of {@code java -jar statickeys-agent.jar <pid> list|enable|disable <key>}, as it travels to the
 * target JVM in the agent arguments of {@code VirtualMachine.loadAgent}.
 *
 * <p>Wire form: {@code statickeys-command/2:<build>:<nonce>:<deadline>:<operation>:<key or empty>}. The
 * key comes last and the tool has checked it against the naming rule (no {@code ':'}), the target checks
 * it again. The nonce (128 random bits) names the system property the target answers in
 * ({@link CommandReply}); the deadline is the tool's, in epoch milliseconds: both processes read the
 * same wall clock, so the target knows when the tool stops waiting. The prefix changed from the first
 * form ({@code statickeys-command:}, answered in a file) so that a target of that older build refuses
 * the arguments instead of misreading them.
 *
 * @param build the tool's build; a target of another build refuses the command
 * @param nonce 32 lower-case hex digits, unique per command
 * @param deadlineEpochMillis when the tool stops waiting for the answer
 * @param operation one of {@link #OPERATIONS}
 * @param key the key, or null for {@code list}
 */
public record Command(Build build, String nonce, long deadlineEpochMillis, String operation, String key) {
    static final String PREFIX = "statickeys-command/2:";
    /** The operations the command understands. */
    public static final List<String> OPERATIONS = List.of("list", "enable", "disable");
    private static final Pattern NONCE = Pattern.compile("[0-9a-f]{32}");
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A command of this build with a fresh nonce. */
    public static Command create(String operation, String key, long deadlineEpochMillis) {
        byte[] nonce = new byte[16];
        RANDOM.nextBytes(nonce);
        return new Command(Build.current(), HexFormat.of().formatHex(nonce), deadlineEpochMillis, operation, key);
    }

    /** The agent arguments carrying this command. */
    public String encode() {
        return PREFIX + build.id() + ":" + nonce + ":" + deadlineEpochMillis + ":" + operation + ":"
                + (key == null ? "" : key);
    }

    /** Whether agent arguments carry a command (of this wire form) rather than agent options. */
    public static boolean isCommand(String arguments) {
        return arguments != null && arguments.startsWith(PREFIX);
    }

    /** @throws IllegalArgumentException if {@code arguments} is not a well-formed command */
    public static Command decode(String arguments) {
        String[] parts = arguments.substring(PREFIX.length()).split(":", 5);
        if (parts.length != 5 || !NONCE.matcher(parts[1]).matches() || !parts[2].matches("[0-9]{1,18}")
                || !OPERATIONS.contains(parts[3])) {
            throw new IllegalArgumentException("malformed statickeys command '" + arguments + "'");
        }
        return new Command(Build.parse(parts[0]), parts[1], Long.parseLong(parts[2]), parts[3],
                parts[4].isEmpty() ? null : parts[4]);
    }

    /** Whether this command flips a key (and so needs the flip lock). */
    public boolean flips() {
        return !operation.equals("list");
    }

    /** How the command reads in messages: {@code enable k}, or {@code list}. */
    public String describe() {
        return key == null ? operation : operation + " " + key;
    }

    /** The target's answer: the tool exits with {@code status} and prints {@code text}. */
    public record Answer(int status, String text) {}
}
