package dev.statickeys.x86;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One assembled compilation unit, before linking: its text, where its {@code LOCK_PREFIX} bytes are,
 * its static branch sites, its symbols and the keys it defines. Offsets are from the start of its text;
 * the linker turns them into the kernel's self-relative table layouts.
 */
public final class ObjectFile {
    /** One static branch site, as {@code __jump_table} records it. */
    public static final class JumpSite {
        public final int code;
        public final int size;
        public final int target;
        public final String key;
        /** The branch bit: 1 for {@code static_branch_likely}. */
        public final boolean branch;
        /** The init bit: the site is in init text. */
        public final boolean init;

        JumpSite(int code, int size, int target, String key, boolean branch, boolean init) {
            this.code = code;
            this.size = size;
            this.target = target;
            this.key = key;
            this.branch = branch;
            this.init = init;
        }
    }

    public final String name;
    private final byte[] text;
    public final List<Integer> smpLocks;
    public final List<JumpSite> jumpSites;
    public final Map<String, Integer> symbols;
    /** Keys this object defines, with their initial values. */
    public final Map<String, Boolean> keys;

    ObjectFile(String name, byte[] text, List<Integer> smpLocks, List<JumpSite> jumpSites, Map<String, Integer> symbols,
            Map<String, Boolean> keys) {
        this.name = name;
        this.text = text;
        this.smpLocks = List.copyOf(smpLocks);
        this.jumpSites = List.copyOf(jumpSites);
        // Insertion order, so the same objects always link into the same bytes.
        this.symbols = Collections.unmodifiableMap(new LinkedHashMap<>(symbols));
        this.keys = Collections.unmodifiableMap(new LinkedHashMap<>(keys));
    }

    public byte[] text() {
        return text.clone();
    }
}
