package dev.statickeys.x86;

import java.io.ByteArrayOutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Lays objects out into one {@link Image}: their texts one after another (16-byte aligned), a key
 * struct for every key they define, then their {@code .smp_locks} and {@code __jump_table} entries
 * concatenated in object order, each self-relative field written for its final position. Like GNU ld, it
 * leaves the jump table in link order: the kernel sorts it when it boots or loads the image
 * ({@link JumpTable#sort}).
 */
public final class Linker {
    /** Where the kernel's text starts on x86-64 ({@code __START_KERNEL_map} + 16 MB). */
    public static final long KERNEL_BASE = 0xffffffff81000000L;

    private Linker() {}

    /**
     * @throws IllegalArgumentException if a site names a key no object defines, or a key is defined twice
     */
    public static Image link(List<ObjectFile> objects, long base) {
        return link(objects, base, Map.of());
    }

    /**
     * Links objects that may also use keys defined elsewhere (a module using the kernel's keys): a site
     * whose key no object defines points at its {@code struct static_key} in {@code externalKeys}.
     *
     * @throws IllegalArgumentException if a site names a key defined nowhere, or a key is defined twice
     */
    public static Image link(List<ObjectFile> objects, long base, Map<String, Long> externalKeys) {
        ByteArrayOutputStream image = new ByteArrayOutputStream();
        Map<String, Long> textOf = new LinkedHashMap<>();
        Map<String, Long> symbols = new LinkedHashMap<>();
        for (ObjectFile object : objects) {
            align(image, 16);
            long start = base + image.size();
            textOf.put(object.name, start);
            object.symbols.forEach((name, offset) -> symbols.put(object.name + "." + name, start + offset));
            image.writeBytes(object.text());
        }
        long textEnd = base + image.size();
        align(image, 16);
        Map<String, Long> keys = new LinkedHashMap<>();
        for (ObjectFile object : objects) {
            for (Map.Entry<String, Boolean> key : object.keys.entrySet()) {
                if (keys.containsKey(key.getKey()) || externalKeys.containsKey(key.getKey())) {
                    throw new IllegalArgumentException("key " + key.getKey() + " is defined twice (again in "
                            + object.name + ")");
                }
                keys.put(key.getKey(), base + image.size());
                writeInt(image, key.getValue() ? 1 : 0); // atomic_t enabled
                writeInt(image, 0);
                writeLong(image, key.getValue() ? 1 : 0); // type: bit 0 = initially true
            }
        }
        long locksStart = base + image.size();
        for (ObjectFile object : objects) {
            for (int offset : object.smpLocks) {
                long entry = base + image.size();
                writeInt(image, (int) (textOf.get(object.name) + offset - entry));
            }
        }
        long locksEnd = base + image.size();
        align(image, 8);
        long jumpStart = base + image.size();
        for (ObjectFile object : objects) {
            long text = textOf.get(object.name);
            for (ObjectFile.JumpSite site : object.jumpSites) {
                Long key = keys.containsKey(site.key) ? keys.get(site.key) : externalKeys.get(site.key);
                if (key == null) {
                    throw new IllegalArgumentException(object.name + ": a site at +0x" + Integer.toHexString(site.code)
                            + " uses key " + site.key + ", which no object defines");
                }
                long entry = base + image.size();
                writeInt(image, (int) (text + site.code - entry));
                writeInt(image, (int) (text + site.target - (entry + 4)));
                writeLong(image, (key | (site.branch ? 1 : 0) | (site.init ? 2 : 0)) - (entry + 8));
            }
        }
        long jumpEnd = base + image.size();
        return new Image(base, image.toByteArray(), textEnd, locksStart, locksEnd, jumpStart, jumpEnd, symbols, keys);
    }

    private static void align(ByteArrayOutputStream out, int alignment) {
        while (out.size() % alignment != 0) {
            out.write(0xCC); // int3 padding, as the kernel pads text
        }
    }

    private static void writeInt(ByteArrayOutputStream out, int value) {
        out.write(value);
        out.write(value >> 8);
        out.write(value >> 16);
        out.write(value >> 24);
    }

    private static void writeLong(ByteArrayOutputStream out, long value) {
        writeInt(out, (int) value);
        writeInt(out, (int) (value >> 32));
    }
}
