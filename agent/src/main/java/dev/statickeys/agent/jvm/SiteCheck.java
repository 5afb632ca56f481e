package dev.statickeys.agent.jvm;

import dev.statickeys.agent.table.RecordedClass;
import dev.statickeys.agent.table.RecordedSite;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The kernel's "unexpected op" check, for bytecode: before a site is patched, it must be one the class's
 * site table records, with the same method, line, key field and shape. The {@link SitePatcher} reports
 * every site it finds; a site the table does not record is left as it is (a plain check).
 * {@link #mismatches()} then describes once each line where table and bytecode disagree: what the table
 * records there and what the bytecode has.
 */
final class SiteCheck {
    private final String className;
    /** Recorded sites not yet matched, by place (method + descriptor + line). */
    private final Map<String, List<RecordedSite>> unmatched = new HashMap<>();
    private final Map<String, List<String>> recordedAt = new HashMap<>();
    private final Map<String, List<String>> foundAt = new HashMap<>();
    private final Map<String, Boolean> disagreements = new TreeMap<>();
    private int found;

    SiteCheck(RecordedClass recorded) {
        this(recorded.name, recorded.sites());
    }

    SiteCheck(String className, List<RecordedSite> recorded) {
        this.className = className;
        for (RecordedSite site : recorded) {
            String place = place(site.method + site.descriptor, site.line);
            unmatched.computeIfAbsent(place, p -> new ArrayList<>()).add(site);
            recordedAt.computeIfAbsent(place, p -> new ArrayList<>()).add(site.describe());
        }
    }

    /**
     * A site found in the bytecode: {@code getstatic keyOwner.keyField; invokevirtual isEnabled} in
     * {@code method} (name + descriptor) at {@code line} (-1 if unknown).
     *
     * @param shape {@code ifeq}, {@code ifne} or {@code value}
     * @return whether the table records it, so it may be patched
     */
    boolean found(String method, int line, String keyOwner, String keyField, String shape) {
        found++;
        String place = place(method, line);
        String keyClass = keyOwner.replace('/', '.');
        RecordedSite site = new RecordedSite(className, method, "", line, keyClass, keyField, null, shape);
        foundAt.computeIfAbsent(place, p -> new ArrayList<>()).add(site.describe());
        List<RecordedSite> candidates = unmatched.getOrDefault(place, List.of());
        for (int i = 0; i < candidates.size(); i++) {
            RecordedSite recorded = candidates.get(i);
            if (recorded.keyClass.equals(keyClass) && recorded.keyField.equals(keyField)
                    && recorded.shape.equals(shape)) {
                candidates.remove(i);
                return true;
            }
        }
        disagreements.put(place, true);
        return false;
    }

    /** How many sites were found. */
    int foundCount() {
        return found;
    }

    /** One message per place where the table and the bytecode disagree; call after the class is read. */
    List<String> mismatches() {
        unmatched.forEach((place, sites) -> {
            if (!sites.isEmpty()) {
                disagreements.putIfAbsent(place, false);
            }
        });
        List<String> messages = new ArrayList<>();
        disagreements.forEach((place, unrecordedFound) -> {
            int hash = place.lastIndexOf('#');
            String line = place.substring(hash + 1);
            List<String> recorded = recordedAt.getOrDefault(place, List.of());
            List<String> found = foundAt.getOrDefault(place, List.of());
            messages.add("class " + className + ", method " + place.substring(0, hash) + ", "
                    + (line.equals("-1") ? "no line number" : "line " + line) + ": the site table records "
                    + (recorded.isEmpty() ? "no site" : String.join(", ", recorded)) + " but the bytecode has "
                    + (found.isEmpty() ? "no site" : String.join(", ", found)) + " there"
                    + (unrecordedFound ? "; sites the table does not record stay plain checks" : "")
                    + " (a stale table, or a class rewritten after compilation?)");
        });
        return messages;
    }

    private static String place(String method, int line) {
        return method + "#" + line;
    }
}
