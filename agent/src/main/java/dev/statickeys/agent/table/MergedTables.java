package dev.statickeys.agent.table;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Several tables merged by class name, as the linker merges {@code __jump_table} sections. A class
 * recorded identically by two tables (the same jar twice on a path) is kept; a class recorded
 * differently by two tables is dropped from the merge, so the agent scans it instead of trusting
 * either record.
 */
public final class MergedTables {
    private final Map<String, RecordedClass> classes = new LinkedHashMap<>();
    private final Map<String, String> sources = new HashMap<>();
    private final Map<String, String> conflicts = new LinkedHashMap<>();

    /**
     * Adds the classes of one table.
     *
     * @return a message for each class this table records differently from an earlier one
     */
    public List<String> add(String source, List<RecordedClass> table) {
        List<String> messages = new ArrayList<>();
        for (RecordedClass recorded : table) {
            String name = recorded.name;
            if (conflicts.containsKey(name)) {
                continue;
            }
            RecordedClass earlier = classes.putIfAbsent(name, recorded);
            if (earlier == null) {
                sources.put(name, source);
            } else if (!earlier.sameAs(recorded)) {
                classes.remove(name);
                String message = "class " + name + " is recorded differently by " + sources.get(name) + " and by "
                        + source + "; neither record is used and the class is scanned";
                conflicts.put(name, message);
                messages.add(message);
            }
        }
        return messages;
    }

    /** The record of a class by binary name, or null if no table records it (or tables disagree). */
    public RecordedClass lookup(String binaryName) {
        return classes.get(binaryName);
    }

    /** Where the record of {@code binaryName} comes from, or null. */
    public String sourceOf(String binaryName) {
        return classes.containsKey(binaryName) ? sources.get(binaryName) : null;
    }

    public Collection<RecordedClass> classes() {
        return List.copyOf(classes.values());
    }

    /** The classes dropped because two tables disagree on them, with the reason. */
    public Map<String, String> conflicts() {
        return Map.copyOf(conflicts);
    }
}
