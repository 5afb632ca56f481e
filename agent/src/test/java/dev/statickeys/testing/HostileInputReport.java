package dev.statickeys.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The list of hostile inputs a test tried and what each got, written to
 * {@code target/hostile-input/<area>.md}: one file per area (class files, site tables, options), read
 * together as the hostile-input report.
 */
public final class HostileInputReport {
    private static final Path DIRECTORY = Path.of("target", "hostile-input");
    private static final int SHOWN = 100;

    private final String area;
    private final String description;
    private final List<String> rows = Collections.synchronizedList(new ArrayList<>());

    public HostileInputReport(String area, String description) {
        this.area = area;
        this.description = description;
    }

    /** Records {@code input} and its outcome; returns the outcome, for the test's assertion. */
    public String record(String input, String outcome) {
        rows.add("| `" + shown(input) + "` | " + outcome.replace("|", "\\|").replace("\n", " ") + " |");
        return outcome;
    }

    /** Writes the file. */
    public void write() {
        List<String> lines = new ArrayList<>(List.of("# Hostile input: " + area, "", description, "",
                "| input | outcome |", "|---|---|"));
        synchronized (rows) {
            lines.addAll(rows);
        }
        try {
            Files.createDirectories(DIRECTORY);
            Files.write(DIRECTORY.resolve(area + ".md"), lines, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The input as one line: control characters escaped, cut after {@value #SHOWN} characters. */
    private static String shown(String input) {
        StringBuilder text = new StringBuilder();
        for (char c : input.toCharArray()) {
            if (text.length() >= SHOWN) {
                text.append("... (").append(input.length()).append(" characters)");
                break;
            }
            text.append(c == '\n' ? "\\n" : c == '\t' ? "\\t" : c == '|' ? "\\|" : c == '`' ? "'"
                    : c < ' ' ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return text.toString();
    }
}
