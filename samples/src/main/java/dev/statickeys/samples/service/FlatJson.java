package dev.statickeys.samples.service;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Just enough JSON for the sample: one flat object whose values are strings, numbers, booleans or null.
 * Keeping it this small keeps the samples free of dependencies; a real service would use a JSON library.
 */
final class FlatJson {
    private final String text;
    private int position;

    private FlatJson(String text) {
        this.text = text;
    }

    /**
     * Parses {@code {"name": value, ...}}; values come back as their text (strings unescaped).
     *
     * @throws IllegalArgumentException naming the offset and what was expected, for anything else
     */
    static Map<String, String> parse(String text) {
        FlatJson parser = new FlatJson(text);
        parser.skipSpace();
        Map<String, String> fields = parser.object();
        parser.skipSpace();
        if (parser.position != text.length()) {
            throw parser.error("the end of the object");
        }
        return fields;
    }

    /** Formats {@code fields} as one object: numbers and booleans bare, everything else a string. */
    static String format(Map<String, ?> fields) {
        StringBuilder out = new StringBuilder("{");
        for (Map.Entry<String, ?> field : fields.entrySet()) {
            if (out.length() > 1) {
                out.append(',');
            }
            quote(out, field.getKey()).append(':');
            Object value = field.getValue();
            if (value instanceof Number || value instanceof Boolean) {
                out.append(value);
            } else {
                quote(out, String.valueOf(value));
            }
        }
        return out.append('}').toString();
    }

    private Map<String, String> object() {
        Map<String, String> fields = new LinkedHashMap<>();
        expect('{');
        skipSpace();
        if (peek() == '}') {
            position++;
            return fields;
        }
        do {
            skipSpace();
            String name = string();
            skipSpace();
            expect(':');
            skipSpace();
            if (fields.put(name, value()) != null) {
                throw new IllegalArgumentException("JSON: field \"" + name + "\" appears twice");
            }
            skipSpace();
        } while (accept(','));
        expect('}');
        return fields;
    }

    private String value() {
        if (peek() == '"') {
            return string();
        }
        int start = position;
        while (position < text.length() && "+-.0123456789eEtruefalsn".indexOf(text.charAt(position)) >= 0) {
            position++;
        }
        if (start == position) {
            throw error("a string, number, true, false or null (nested objects and arrays are not supported)");
        }
        return text.substring(start, position);
    }

    private String string() {
        expect('"');
        StringBuilder out = new StringBuilder();
        while (true) {
            char c = next("the rest of a string");
            if (c == '"') {
                return out.toString();
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char escaped = next("an escape");
            int index = "\"\\/bfnrt".indexOf(escaped);
            if (index >= 0) {
                out.append("\"\\/\b\f\n\r\t".charAt(index));
            } else if (escaped == 'u' && position + 4 <= text.length()) {
                out.append(unicode());
            } else {
                position--;
                throw error("one of \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX");
            }
        }
    }

    private char unicode() {
        try {
            char c = (char) Integer.parseInt(text.substring(position, position + 4), 16);
            position += 4;
            return c;
        } catch (NumberFormatException e) {
            throw error("four hex digits");
        }
    }

    private static StringBuilder quote(StringBuilder out, String value) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"');
    }

    private void skipSpace() {
        while (position < text.length() && Character.isWhitespace(text.charAt(position))) {
            position++;
        }
    }

    private char peek() {
        return position < text.length() ? text.charAt(position) : '\0';
    }

    private char next(String expected) {
        if (position >= text.length()) {
            throw error(expected);
        }
        return text.charAt(position++);
    }

    private boolean accept(char c) {
        if (peek() == c) {
            position++;
            return true;
        }
        return false;
    }

    private void expect(char c) {
        if (!accept(c)) {
            throw error("'" + c + "'");
        }
    }

    private IllegalArgumentException error(String expected) {
        String found = position < text.length() ? "'" + text.charAt(position) + "'" : "the end of the input";
        return new IllegalArgumentException("JSON: at offset " + position + " expected " + expected + ", found " + found);
    }
}
