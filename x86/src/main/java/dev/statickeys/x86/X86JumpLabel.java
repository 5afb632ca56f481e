package dev.statickeys.x86;

import dev.statickeys.internal.core.Backend;
import dev.statickeys.internal.core.JumpType;
import dev.statickeys.internal.core.KeyRecord;
import dev.statickeys.internal.core.KeyRegistry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The x86 architecture behind the generic core: {@code arch/x86/kernel/jump_label.c}, with the walk over
 * each key's entries from {@code kernel/jump_label.c}. Sites live in the {@code __jump_table} of the
 * kernel image and of every loaded module. For each site of a changed key the new instruction follows
 * the kernel's truth table ({@link JumpType#of}); before anything is written every site is verified to
 * hold exactly the instruction it is leaving (the NOP of its size before a JMP, the JMP to its target
 * before a NOP), and one that does not stops the update with the kernel's report, with nothing written.
 *
 * <h2>Batches</h2>
 * {@link Batching#PER_KEY}, the default, is the kernel's granularity: {@code __jump_label_update} queues one
 * key's entries in one image and applies them, so a flip of one key writes one INT3 batch per image with
 * sites of it (the kernel's first, then each module), and a {@code KeyControl.batch} of several keys writes
 * one batch per key and image, in the order the keys were named. {@link Batching#ONE_BATCH} is ours, not
 * mainline: every site of every changed key of every image in one INT3 batch (split at
 * {@link TextPoke#BATCH_MAX}). Either way, every site of the update is verified before the first batch is
 * written.
 */
final class X86JumpLabel implements Backend {
    /** {@code JUMP_LABEL_NOP} and {@code JUMP_LABEL_JMP}, as the report prints them. */
    private static final int TYPE_NOP = 0;
    private static final int TYPE_JMP = 1;
    /** What {@code %5ph} prints after a 2-byte NOP: the next entry of the kernel's NOP table, the 3-byte NOP. */
    private static final byte[] NOP3 = {0x0F, 0x1F, 0x00};

    private final Machine machine;
    private final KeyEntries entries;
    private final List<Image> images = new ArrayList<>();
    /** Each module image's name, for {@code %pS}; the kernel image has none. */
    private final Map<Image, String> moduleNames = new LinkedHashMap<>();
    private TextPoke.Protocol protocol = TextPoke.Protocol.INT3;
    private Batching batching = Batching.PER_KEY;

    X86JumpLabel(Machine machine, Heap heap) {
        this.machine = machine;
        this.entries = new KeyEntries(heap);
    }

    /** How live text is written from now on (INT3 unless a test asks for the naive writer). */
    void protocol(TextPoke.Protocol next) {
        protocol = next;
    }

    void batching(Batching next) {
        batching = next;
    }

    @Override
    public void update(Map<String, Boolean> states) {
        Map<String, Long> addresses = keyAddresses();
        List<List<TextPoke.Poke>> batches = new ArrayList<>();
        for (Map.Entry<String, Boolean> state : states.entrySet()) {
            long key = addresses.get(state.getKey());
            for (Image image : entries.imagesOf(key)) {
                batches.add(pokes(image, key, state.getValue()));
            }
        }
        // Verified above, every one: now write.
        if (batching == Batching.ONE_BATCH) {
            List<TextPoke.Poke> all = new ArrayList<>();
            batches.forEach(all::addAll);
            batches = List.of(all);
        }
        batches.forEach(batch -> machine.textPoke().apply(batch, protocol));
    }

    /** The checked pokes that bring {@code image}'s sites of {@code key} to {@code enabled}. */
    private List<TextPoke.Poke> pokes(Image image, long key, boolean enabled) {
        List<TextPoke.Poke> pokes = new ArrayList<>();
        for (Image.JumpEntry entry : image.jumpEntries()) {
            if (entry.key == key && image.inText(entry.code)) {
                pokes.add(patch(image, entry, JumpType.of(enabled, entry.branch)));
            }
        }
        return pokes;
    }

    /**
     * Adds an image's sites: {@code jump_label_init} for the kernel at boot, {@code jump_label_add_module}
     * for a module. The table is sorted ({@link JumpTable#sort}), each entry's init bit is set to whether its
     * code is init text (there is none here, so it is cleared, as the kernel clears the bit 1 that objtool's
     * {@code HAVE_JUMP_LABEL_HACK} build leaves in every entry), the keys' {@code struct static_key} point at
     * their entries, and every site of a key defined elsewhere whose applied state differs from its
     * build-time value is patched, one key at a time: with a plain copy while {@code booting}
     * ({@code text_poke_early}), else with the INT3 batch, as the kernel does for a module loaded after boot.
     * The caller holds the flip lock, has mapped the image, registered the keys it defines and checked
     * that every entry names a known key ({@link #checkKeys}).
     */
    void add(Image image, String moduleName, KeyRegistry keys, boolean booting) {
        JumpTable.sort(image);
        JumpTable.setInitBits(image);
        images.add(image);
        if (moduleName != null) {
            moduleNames.put(image, moduleName);
        }
        Map<Long, Image> owners = owners();
        entries.add(image, owners, moduleName != null);
        Map<Long, String> names = new LinkedHashMap<>();
        keyAddresses().forEach((name, address) -> names.put(address, name));
        for (Image.JumpEntry entry : image.jumpEntries()) { // sorted: each key's entries together
            KeyRecord key = keys.get(names.get(entry.key));
            boolean first = entry.entry == image.jumpTableStart
                    || image.jumpEntries().get((int) ((entry.entry - image.jumpTableStart) / Image.JUMP_ENTRY_SIZE) - 1)
                            .key != entry.key;
            if (first && owners.get(entry.key) != image && key.applied() != key.initialValue()) {
                List<TextPoke.Poke> pokes = pokes(image, entry.key, key.applied());
                machine.textPoke().apply(pokes, booting ? TextPoke.Protocol.EARLY : protocol);
            }
        }
        watchSites();
    }

    /**
     * Refuses an image whose {@code __jump_table} names a key struct no image defines (the kernel would
     * follow the pointer; here it is a clear error, before anything of the image is registered).
     *
     * @param known every key struct address the image may use, its own included
     * @throws IllegalArgumentException naming the entry, its code and the key address
     */
    static void checkKeys(Image image, Map<String, Long> known) {
        for (Image.JumpEntry entry : image.jumpEntries()) {
            if (!known.containsValue(entry.key)) {
                throw new IllegalArgumentException("__jump_table entry at 0x" + Long.toHexString(entry.entry)
                        + " (code " + image.symbolize(entry.code) + ") names a key at 0x" + Long.toHexString(entry.key)
                        + ", where no image defines a struct static_key; known keys: " + known.keySet());
            }
        }
    }

    /** Drops an image's sites ({@code jump_label_del_module}). The caller holds the flip lock. */
    void remove(Image image) {
        entries.remove(image, owners());
        images.remove(image);
        moduleNames.remove(image);
        watchSites();
    }

    /** A loaded image other than {@code image} with a site of a key {@code image} defines, or null. */
    Image userOfKeysOf(Image image) {
        for (Image other : images) {
            if (other != image) {
                for (Image.JumpEntry entry : other.jumpEntries()) {
                    if (image.keys.containsValue(entry.key)) {
                        return other;
                    }
                }
            }
        }
        return null;
    }

    /** Every key struct address known, by name (the kernel's and loaded modules'). */
    Map<String, Long> keyAddresses() {
        Map<String, Long> addresses = new LinkedHashMap<>();
        images.forEach(image -> addresses.putAll(image.keys));
        return addresses;
    }

    /** The image defining each known key, by struct address. */
    private Map<Long, Image> owners() {
        Map<Long, Image> owners = new LinkedHashMap<>();
        images.forEach(image -> image.keys.values().forEach(key -> owners.put(key, image)));
        return owners;
    }

    /**
     * The new instruction for a site, after checking the site holds the one it is leaving
     * ({@code __jump_label_patch}).
     */
    private TextPoke.Poke patch(Image image, Image.JumpEntry entry, JumpType type) {
        int size = siteSize(image, entry);
        int reportType = type == JumpType.JMP ? TYPE_JMP : TYPE_NOP;
        if (size != 2 && size != 5) {
            throw new JumpLabelBug("kernel BUG in arch_jump_entry_size: the jump label site at " + where(image, entry)
                    + " (" + Hex.bytes(found(image, entry)) + ") decodes as " + size + " bytes; a site is 2 or 5 bytes"
                    + " (type:" + reportType + ")", entry.code);
        }
        byte[] nop = Encodings.nop(size);
        byte[] jump = Encodings.jump(size, entry.code, entry.target);
        byte[] expected = type == JumpType.JMP ? nop : jump;
        if (!Arrays.equals(image.read(entry.code, size), expected)) {
            throw new JumpLabelBug("jump_label: Fatal kernel bug, unexpected op at " + where(image, entry) + " ("
                    + Hex.bytes(found(image, entry)) + " != " + Hex.bytes(asPrinted(expected)) + ")) size:" + size
                    + " type:" + reportType, entry.code);
        }
        return new TextPoke.Poke(image, entry.code, type == JumpType.JMP ? jump : nop);
    }

    /**
     * {@code %pS [%p]}: {@code symbol+0xoff/0xsize}, with {@code [module]} for module text, then the address
     * (printed unhashed, as with {@code no_hash_pointers}).
     */
    private String where(Image image, Image.JumpEntry entry) {
        String module = moduleNames.get(image);
        return image.symbolizeWithSize(entry.code) + (module == null ? "" : " [" + module + "]") + " ["
                + Long.toHexString(entry.code) + "]";
    }

    /** {@code %5ph} at the site: five bytes, whatever the site's size (fewer only at the image's end). */
    private static byte[] found(Image image, Image.JumpEntry entry) {
        return image.read(entry.code, (int) Math.min(5, image.end() - entry.code));
    }

    /**
     * {@code %5ph} of the expected instruction: five bytes from where the kernel keeps it. A 2-byte NOP is
     * read from the kernel's NOP table, where the 3-byte NOP follows it; a JMP is built in a zeroed 5-byte
     * buffer.
     */
    private static byte[] asPrinted(byte[] expected) {
        byte[] printed = Arrays.copyOf(expected, 5);
        if (Arrays.equals(expected, Encodings.NOP2)) {
            System.arraycopy(NOP3, 0, printed, 2, NOP3.length);
        }
        return printed;
    }

    /** Tells the machine which bytes each site may hold, so CPUs can tell a torn decode. */
    private void watchSites() {
        Map<Long, Machine.Site> sites = new LinkedHashMap<>();
        for (Image image : images) {
            for (Image.JumpEntry entry : image.jumpEntries()) {
                int size = image.inText(entry.code) ? siteSize(image, entry) : 0;
                if (size == 2 || size == 5) {
                    sites.put(entry.code, new Machine.Site(entry.code, Encodings.nop(size),
                            Encodings.jump(size, entry.code, entry.target)));
                }
            }
        }
        machine.watch(sites);
    }

    /** The length of the instruction a site holds, decoded as the kernel does ({@code arch_jump_entry_size}). */
    private static int siteSize(Image image, Image.JumpEntry entry) {
        return Disassembler.decode(image.read(entry.code, (int) Math.min(15, image.end() - entry.code)), 0,
                entry.code).length;
    }
}
