package dev.statickeys.agent.table;

/** The JVM's rules for names and descriptors (JVMS 4.2.2, 4.3), as far as a table needs them. */
final class Descriptors {
    private Descriptors() {}

    /** A name without {@code . ; [ /} (JVMS 4.2.2); control characters are refused as well. */
    static boolean isUnqualifiedName(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '.' || c == ';' || c == '[' || c == '/' || c < 0x20 || c == 0x7f) {
                return false;
            }
        }
        return true;
    }

    static boolean isMethodDescriptor(String descriptor) {
        if (!descriptor.startsWith("(")) {
            return false;
        }
        int at = 1;
        while (at < descriptor.length() && descriptor.charAt(at) != ')') {
            at = fieldType(descriptor, at);
            if (at < 0) {
                return false;
            }
        }
        if (at >= descriptor.length()) {
            return false;
        }
        at++;
        if (at < descriptor.length() && descriptor.charAt(at) == 'V') {
            at++;
        } else {
            at = fieldType(descriptor, at);
        }
        return at == descriptor.length();
    }

    /** The index after the field type starting at {@code at}, or -1 if there is none. */
    private static int fieldType(String descriptor, int at) {
        int dimensions = 0;
        while (at < descriptor.length() && descriptor.charAt(at) == '[') {
            at++;
            dimensions++;
        }
        if (dimensions > 255 || at >= descriptor.length()) {
            return -1;
        }
        char c = descriptor.charAt(at);
        if ("BCDFIJSZ".indexOf(c) >= 0) {
            return at + 1;
        }
        if (c != 'L') {
            return -1;
        }
        int end = descriptor.indexOf(';', at);
        if (end < 0) {
            return -1;
        }
        for (String part : descriptor.substring(at + 1, end).split("/", -1)) {
            if (!isUnqualifiedName(part)) {
                return -1;
            }
        }
        return end + 1;
    }
}
