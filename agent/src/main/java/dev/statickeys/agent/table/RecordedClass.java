package dev.statickeys.agent.table;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a table records for one class compiled with the processor: its key declarations and its sites.
 * A recorded class without sites has none: the agent passes it over without parsing it.
 */
public final class RecordedClass {
    /** The binary name, {@code p.Outer$Inner}. */
    public final String name;
    final List<RecordedKey> keys = new ArrayList<>();
    final List<RecordedSite> sites = new ArrayList<>();

    RecordedClass(String name) {
        this.name = name;
    }

    public List<RecordedKey> keys() {
        return List.copyOf(keys);
    }

    public List<RecordedSite> sites() {
        return List.copyOf(sites);
    }

    public boolean hasSites() {
        return !sites.isEmpty();
    }

    /**
     * Same records, in any order (duplicates counted). Linear in the number of records: a class that
     * two tables record with thousands of sites in different orders is compared on the class-loading
     * path, so this must never be a nested search. The records are {@link Comparable}, so even names
     * made to collide in their hash codes keep a hash map's buckets logarithmic.
     */
    boolean sameAs(RecordedClass other) {
        return name.equals(other.name) && sameElements(keys, other.keys) && sameElements(sites, other.sites);
    }

    private static <T> boolean sameElements(List<T> a, List<T> b) {
        if (a.size() != b.size()) {
            return false;
        }
        if (a.equals(b)) {
            return true; // the usual case: the same jar twice on a path
        }
        Map<T, Integer> left = new HashMap<>(a.size() * 4 / 3 + 1);
        for (T element : a) {
            left.merge(element, 1, Integer::sum);
        }
        for (T element : b) {
            Integer count = left.get(element);
            if (count == null) {
                return false;
            }
            if (count == 1) {
                left.remove(element);
            } else {
                left.put(element, count - 1);
            }
        }
        return left.isEmpty();
    }
}
