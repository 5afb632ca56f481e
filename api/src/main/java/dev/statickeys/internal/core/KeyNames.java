package dev.statickeys.internal.core;

/**
 * Not API. The rules for static key names, written once, for the API and its annotation processor.
 *
 * <p>A name is 1 to {@value #MAX_LENGTH} characters from {@code [A-Za-z0-9._-]}. The set is small on
 * purpose: names travel through agent options, system properties, JMX object names and log lines
 * without quoting.
 */
public final class KeyNames {
    public static final int MAX_LENGTH = 200;
    public static final String CHARACTERS = "[A-Za-z0-9._-]";
    /** The rule, as messages state it. */
    public static final String RULE = "1 to " + MAX_LENGTH + " characters from " + CHARACTERS;

    private KeyNames() {}

    /** Returns {@code name} if it is a valid key name, else throws naming the name and the rule. */
    public static String check(String name) {
        if (name == null) {
            throw new IllegalArgumentException("static key name is null; expected 1 to " + MAX_LENGTH
                    + " characters from " + CHARACTERS);
        }
        if (name.isEmpty() || name.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("invalid static key name \"" + abbreviate(name) + "\": length "
                    + name.length() + "; expected 1 to " + MAX_LENGTH + " characters from " + CHARACTERS);
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!isNameChar(c)) {
                throw new IllegalArgumentException("invalid static key name \"" + abbreviate(name)
                        + "\": character " + describe(c) + " at index " + i + " is not allowed; expected 1 to "
                        + MAX_LENGTH + " characters from " + CHARACTERS);
            }
        }
        return name;
    }

    /** Whether {@code name} follows the rule; null is not a name. */
    public static boolean isValid(String name) {
        if (name == null || name.isEmpty() || name.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            if (!isNameChar(name.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    public static boolean isNameChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '.' || c == '_' || c == '-';
    }

    private static String describe(char c) {
        return c >= 0x20 && c < 0x7f ? "'" + c + "'" : String.format("U+%04X", (int) c);
    }

    private static String abbreviate(String name) {
        String shown = name.length() > 60 ? name.substring(0, 60) + "..." : name;
        StringBuilder out = new StringBuilder();
        for (char c : shown.toCharArray()) {
            out.append(c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\u%04x", (int) c));
        }
        return out.toString();
    }
}
