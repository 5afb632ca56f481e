package dev.statickeys.agent.jvm;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * What the sites reading one key field become: patched inline to the key's applied {@code state}, or
 * calls of the key's {@code holder} class (internal name). A field with no patch keeps its sites as
 * plain checks.
 */
record FieldPatch(String key, boolean state, String holder) {
    static FieldPatch inline(String key, boolean state) {
        return new FieldPatch(key, state, null);
    }

    static FieldPatch holder(String key, String holder) {
        return new FieldPatch(key, false, holder);
    }

    boolean isInline() {
        return holder == null;
    }

    /** The states inline patches used, by key: what the class table records for a class. */
    static Map<String, Boolean> inlineStates(Collection<FieldPatch> patches) {
        Map<String, Boolean> states = new LinkedHashMap<>();
        for (FieldPatch patch : patches) {
            if (patch.isInline()) {
                states.put(patch.key, patch.state);
            }
        }
        return states;
    }

    /** The keys whose holders the patches call. */
    static Set<String> holderKeys(Collection<FieldPatch> patches) {
        Set<String> keys = new LinkedHashSet<>();
        for (FieldPatch patch : patches) {
            if (!patch.isInline()) {
                keys.add(patch.key);
            }
        }
        return keys;
    }
}
