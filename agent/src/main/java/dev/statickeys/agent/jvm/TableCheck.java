package dev.statickeys.agent.jvm;

import dev.statickeys.agent.table.RecordedClass;
import dev.statickeys.agent.table.RecordedSite;
import dev.statickeys.siterule.Site;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The kernel's "unexpected op" check, for bytecode: before a site is patched, it must be one the class's
 * site table records, with the same method, line, key field and shape. The {@link SiteRecognizer} reports
 * every site it finds; a site the table does not record is left as it is (a plain check).
 * {@link #mismatches()} then describes once each line where table and bytecode disagree: what the table
 * records there and what the bytecode has.
 */
final class TableCheck {
    private final String className;
    /**
     * Recorded sites not yet matched, counted by what must agree (place, key field, shape), and their
     * number per place: each site found costs one lookup, however many sites share a place (all of a
     * method's, in a class without line numbers).
     */
    private final Map<Match, Integer> unmatched = new HashMap<>();
    private final Map<String, Integer> unmatchedAt = new HashMap<>();
    private final Map<String, List<String>> recordedAt = new HashMap<>();
    private final Map<String, List<String>> foundAt = new HashMap<>();
    private final Map<String, Boolean> disagreements = new TreeMap<>();
    private int found;

    TableCheck(RecordedClass recorded) {
        this(recorded.name, recorded.sites());
    }

    TableCheck(String className, List<RecordedSite> recorded) {
        this.className = className;
        for (RecordedSite site : recorded) {
            String place = place(site.method() + site.descriptor(), site.line());
            Match match = new Match(place, site.keyClass(), site.keyField(), site.shape());
            unmatched.put(match, unmatched.getOrDefault(match, 0) + 1);
            unmatchedAt.put(place, unmatchedAt.getOrDefault(place, 0) + 1);
            listAt(recordedAt, place).add(site.describe());
        }
    }

    /**
     * A site found in the bytecode of {@code method} (name + descriptor).
     *
     * @return whether the table records it, so it may be patched
     */
    boolean found(String method, Site seen) {
        found++;
        int line = seen.line();
        String keyField = seen.field().name();
        String shape = seen.shape();
        String place = place(method, line);
        String keyClass = seen.field().owner().replace('/', '.');
        RecordedSite site = new RecordedSite(className, method, "", line, keyClass, keyField, null, shape);
        listAt(foundAt, place).add(site.describe());
        Match match = new Match(place, keyClass, keyField, shape);
        Integer left = unmatched.get(match);
        if (left != null) {
            if (left == 1) {
                unmatched.remove(match);
            } else {
                unmatched.put(match, left - 1);
            }
            unmatchedAt.put(place, unmatchedAt.get(place) - 1);
            return true;
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
        for (Map.Entry<String, Integer> left : unmatchedAt.entrySet()) {
            if (left.getValue() > 0) {
                disagreements.putIfAbsent(left.getKey(), false);
            }
        }
        List<String> messages = new ArrayList<>();
        for (Map.Entry<String, Boolean> disagreement : disagreements.entrySet()) {
            String place = disagreement.getKey();
            boolean unrecordedFound = disagreement.getValue();
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
        }
        return messages;
    }

    /**
     * What a found site must share with a recorded one to match it. Comparable, so names made to collide
     * in their hash codes still cost a logarithmic lookup.
     */
    private record Match(String place, String keyClass, String keyField, String shape) implements Comparable<Match> {
        // equals, hashCode and compareTo written out, and no lambdas in this class: it runs when a class with
        // sites loads, and a record's own methods and each lambda are bootstrapped at first use there (issue 19).
        @Override
        public boolean equals(Object other) {
            return other instanceof Match && compareTo((Match) other) == 0;
        }

        @Override
        public int hashCode() {
            return ((place.hashCode() * 31 + keyClass.hashCode()) * 31 + keyField.hashCode()) * 31 + shape.hashCode();
        }

        @Override
        public int compareTo(Match other) {
            int order = place.compareTo(other.place);
            order = order != 0 ? order : keyClass.compareTo(other.keyClass);
            order = order != 0 ? order : keyField.compareTo(other.keyField);
            return order != 0 ? order : shape.compareTo(other.shape);
        }
    }

    private static List<String> listAt(Map<String, List<String>> lists, String place) {
        List<String> list = lists.get(place);
        if (list == null) {
            list = new ArrayList<>();
            lists.put(place, list);
        }
        return list;
    }

    private static String place(String method, int line) {
        return method + "#" + line;
    }
}
