package dev.statickeys.agent.ops;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A command of {@code java -jar statickeys-agent.jar <pid> list|enable|disable <key>}, as it travels to the
 * target JVM in the agent arguments of {@code VirtualMachine.loadAgent}, and its answer, written by the
 * target to a file that the command-line tool created and reads back.
 *
 * <p>Arguments: {@code statickeys-command:<operation>:<key or empty>:<answer file>}; the file comes last
 * so that it may contain colons (key names cannot). Answer: the exit status on the first line, then the
 * text to print.
 */
public final class Command {
    static final String PREFIX = "statickeys-command:";
    /** The operations the command understands. */
    public static final List<String> OPERATIONS = List.of("list", "enable", "disable");

    private final String operation;
    private final String key;
    private final Path answer;

    Command(String operation, String key, Path answer) {
        this.operation = operation;
        this.key = key;
        this.answer = answer;
    }

    /** The agent arguments carrying {@code operation} on {@code key} (null for list), answered in {@code answer}. */
    public static String encode(String operation, String key, Path answer) {
        return PREFIX + operation + ":" + (key == null ? "" : key) + ":" + answer.toAbsolutePath();
    }

    /** Whether agent arguments carry a command rather than agent options. */
    public static boolean isCommand(String arguments) {
        return arguments != null && arguments.startsWith(PREFIX);
    }

    /** @throws IllegalArgumentException if {@code arguments} is not a command */
    public static Command decode(String arguments) {
        String[] parts = arguments.substring(PREFIX.length()).split(":", 3);
        if (parts.length != 3 || !OPERATIONS.contains(parts[0]) || parts[2].isEmpty()) {
            throw new IllegalArgumentException("malformed statickeys command '" + arguments + "'");
        }
        return new Command(parts[0], parts[1].isEmpty() ? null : parts[1], Path.of(parts[2]));
    }

    public String operation() {
        return operation;
    }

    /** The key, or null for {@code list}. */
    public String key() {
        return key;
    }

    /** Writes the answer; the tool exits with {@code status} and prints {@code text}. */
    public void answer(int status, String text) throws IOException {
        Files.writeString(answer, status + "\n" + text, StandardCharsets.UTF_8);
    }

    /** Reads an answer file: the status and the text. */
    public static Answer read(Path file) throws IOException {
        String content = Files.readString(file, StandardCharsets.UTF_8);
        int newline = content.indexOf('\n');
        if (newline <= 0 || !content.substring(0, newline).matches("[0-9]{1,3}")) {
            throw new IOException("the target JVM gave no answer (" + file + " holds " + content.length() + " characters)");
        }
        return new Answer(Integer.parseInt(content.substring(0, newline)), content.substring(newline + 1));
    }

    /** The target's answer. */
    public record Answer(int status, String text) {}
}
