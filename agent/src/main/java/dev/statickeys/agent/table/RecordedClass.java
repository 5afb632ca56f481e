package dev.statickeys.agent.table;

import java.util.ArrayList;
import java.util.List;

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

    /** Same records, in any order. */
    boolean sameAs(RecordedClass other) {
        return name.equals(other.name) && sameElements(keys, other.keys) && sameElements(sites, other.sites);
    }

    private static <T> boolean sameElements(List<T> a, List<T> b) {
        if (a.size() != b.size()) {
            return false;
        }
        List<T> rest = new ArrayList<>(b);
        for (T element : a) {
            if (!rest.remove(element)) {
                return false;
            }
        }
        return true;
    }
}
