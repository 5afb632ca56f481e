package dev.statickeys.processor;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The site table of one compilation output, format 1: UTF-8 text, one record per line, fields separated
 * by tabs, sorted, so the same classes give the same bytes.
 * <pre>
 * statickeys-sites	1
 * class	&lt;class&gt;
 * key	&lt;class&gt;	&lt;field&gt;	&lt;name&gt;	&lt;false|true&gt;	&lt;description&gt;	&lt;owner&gt;
 * site	&lt;class&gt;	&lt;method&gt;	&lt;descriptor&gt;	&lt;line&gt;	&lt;key class&gt;	&lt;key field&gt;	&lt;key name|-&gt;	&lt;ifeq|ifne|value&gt;
 * </pre>
 * Classes are binary names ({@code p.Outer$Inner}); a {@code class} line says the class was compiled
 * with the processor, so a class listed without sites has none. A line is -1 when unknown; a key name
 * is {@code -} when the key field is declared outside this output. In descriptions and owners,
 * backslash, tab, carriage return and newline are written {@code \\ \t \r \n}.
 */
final class SiteTableWriter {
    static final String RESOURCE = "META-INF/statickeys/sites";
    static final String HEADER = "statickeys-sites\t1";

    private final Map<String, List<String>> linesByClass = new HashMap<>();

    /** Adds the records of a class, replacing any it had. */
    void put(String className, List<String> lines) {
        linesByClass.put(className, lines);
    }

    boolean isEmpty() {
        return linesByClass.isEmpty();
    }

    /** Keeps the records of classes of an earlier table that {@code keep} accepts and this one lacks. */
    void merge(List<String> earlier, java.util.function.Predicate<String> keep) {
        Map<String, List<String>> old = new HashMap<>();
        for (String line : earlier) {
            String[] fields = line.split("\t", -1);
            if (fields.length >= 2 && !line.equals(HEADER)) {
                old.computeIfAbsent(fields[1], c -> new ArrayList<>()).add(line);
            }
        }
        old.forEach((className, lines) -> {
            if (!linesByClass.containsKey(className) && keep.test(className)) {
                linesByClass.put(className, lines);
            }
        });
    }

    /** The table text, with the key names of sites resolved from the keys it lists. */
    String text() {
        Map<String, String> names = new HashMap<>();
        List<String> lines = new ArrayList<>();
        for (List<String> records : linesByClass.values()) {
            for (String line : records) {
                String[] fields = line.split("\t", -1);
                if (fields[0].equals("key")) {
                    names.put(fields[1] + "." + fields[2], fields[3]);
                }
            }
        }
        for (List<String> records : linesByClass.values()) {
            for (String line : records) {
                String[] fields = line.split("\t", -1);
                if (fields[0].equals("site")) {
                    fields[7] = names.getOrDefault(fields[5] + "." + fields[6], "-");
                    line = String.join("\t", fields);
                }
                lines.add(line);
            }
        }
        Collections.sort(lines);
        StringBuilder text = new StringBuilder(HEADER).append('\n');
        for (String line : lines) {
            text.append(line).append('\n');
        }
        return text.toString();
    }

    /** The records of one class read from its class file. */
    static List<String> records(ClassFileRecords read, Map<String, String[]> infoByField) {
        String className = read.className.replace('/', '.');
        List<String> lines = new ArrayList<>();
        lines.add("class\t" + className);
        for (ClassFileRecords.KeyField key : read.keys) {
            String[] info = infoByField.getOrDefault(key.field(), new String[] {"", ""});
            lines.add(String.join("\t", "key", className, key.field(), key.name(), Boolean.toString(key.initialValue()),
                    escape(info[0]), escape(info[1])));
        }
        for (ClassFileRecords.Site site : read.sites) {
            lines.add(String.join("\t", "site", className, site.method(), site.descriptor(), Integer.toString(site.line()),
                    site.keyOwner().replace('/', '.'), site.keyField(), "-", site.shape()));
        }
        return lines;
    }

    static String escape(String text) {
        return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\r", "\\r").replace("\n", "\\n");
    }
}
