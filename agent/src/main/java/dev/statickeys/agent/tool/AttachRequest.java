package dev.statickeys.agent.tool;

import dev.statickeys.internal.core.KeyRegistry;
import dev.statickeys.agent.ops.Command;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The arguments of {@code java -jar statickeys-agent.jar <pid> [--timeout=<time>] list|enable|disable [<key>]},
 * checked before anything is sent to the target.
 *
 * @param pid the target's process id
 * @param operation one of {@link Command#OPERATIONS}
 * @param key the key (checked against the naming rule), or null for {@code list}
 * @param timeout how long the tool waits for the target's answer, attaching included
 */
record AttachRequest(long pid, String operation, String key, Duration timeout) {
    /** The timeout when {@code --timeout} is not given. */
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration MIN_TIMEOUT = Duration.ofSeconds(1);
    static final Duration MAX_TIMEOUT = Duration.ofHours(1);
    private static final String TIMEOUT = "--timeout=";
    private static final Pattern TIME = Pattern.compile("([0-9]{1,9})(ms|s|m)");

    /**
     * Parses the tool's arguments ({@code args[0]} is the pid).
     *
     * @throws IllegalArgumentException with a one-line message naming the bad argument and what was expected
     */
    static AttachRequest parse(String[] args) {
        if (args.length == 0 || !args[0].matches("[0-9]{1,18}")) {
            throw new IllegalArgumentException("'" + (args.length == 0 ? "" : args[0]) + "' is not a process id");
        }
        Duration timeout = DEFAULT_TIMEOUT;
        List<String> words = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            if (args[i].startsWith(TIMEOUT)) {
                timeout = timeout(args[i].substring(TIMEOUT.length()));
            } else if (args[i].startsWith("--")) {
                throw new IllegalArgumentException("unknown option '" + args[i] + "'; expected " + TIMEOUT + "<time>");
            } else {
                words.add(args[i]);
            }
        }
        if (words.isEmpty()) {
            throw new IllegalArgumentException("missing command after the pid " + args[0]);
        }
        String operation = words.get(0);
        if (!Command.OPERATIONS.contains(operation)) {
            throw new IllegalArgumentException("unknown command '" + operation + "'; expected one of " + Command.OPERATIONS);
        }
        int expected = operation.equals("list") ? 1 : 2;
        if (words.size() != expected) {
            throw new IllegalArgumentException("'" + operation + "' takes " + (expected - 1) + " argument"
                    + (expected == 2 ? " (the key name)" : "s") + ", got " + (words.size() - 1));
        }
        String key = expected == 2 ? checkName(words.get(1)) : null;
        return new AttachRequest(Long.parseLong(args[0]), operation, key, timeout);
    }

    /** {@code 10s}, {@code 500ms}, {@code 2m}, between {@link #MIN_TIMEOUT} and {@link #MAX_TIMEOUT}. */
    static Duration timeout(String text) {
        Matcher matcher = TIME.matcher(text);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("invalid " + TIMEOUT + text + "; expected a time such as 10s, 500ms or 2m");
        }
        long amount = Long.parseLong(matcher.group(1));
        Duration timeout = switch (matcher.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            default -> Duration.ofMinutes(amount);
        };
        if (timeout.compareTo(MIN_TIMEOUT) < 0 || timeout.compareTo(MAX_TIMEOUT) > 0) {
            throw new IllegalArgumentException("invalid " + TIMEOUT + text + "; expected 1s to 1h (60m)");
        }
        return timeout;
    }

    /** Returns {@code name} if it follows the API's naming rule, else throws naming it, the culprit and the rule. */
    static String checkName(String name) {
        if (KeyRegistry.isValidName(name)) {
            return name;
        }
        String problem = "length " + name.length();
        for (int i = 0; i < name.length() && !name.isEmpty() && name.length() <= 200; i++) {
            if (!KeyRegistry.isValidName(String.valueOf(name.charAt(i)))) {
                char c = name.charAt(i);
                problem = "character " + (c >= 0x20 && c < 0x7f ? "'" + c + "'" : String.format("U+%04X", (int) c))
                        + " at index " + i + " is not allowed";
                break;
            }
        }
        String shown = name.length() > 60 ? name.substring(0, 60) + "..." : name;
        throw new IllegalArgumentException("invalid static key name \"" + shown.replaceAll("[^\\x20-\\x7e]", "?")
                + "\": " + problem + "; expected " + KeyRegistry.NAME_RULE);
    }

    /** How the command reads in messages: {@code enable k}, or {@code list}. */
    String describe() {
        return key == null ? operation : operation + " " + key;
    }
}
