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
 */
final class X86JumpLabel implements Backend {
    /** {@code JUMP_LABEL_NOP} and {@code JUMP_LABEL_JMP}, as the report prints them. */
    private static final int TYPE_NOP = 0;
    private static final int TYPE_JMP = 1;

    private final Machine machine;
    private final List<Image> images = new ArrayList<>();
    private TextPoke.Protocol protocol = TextPoke.Protocol.INT3;

    X86JumpLabel(Machine machine) {
        this.machine = machine;
    }

    /** How live text is written from now on (INT3 unless a test asks for the naive writer). */
    void protocol(TextPoke.Protocol next) {
        protocol = next;
    }

    @Override
    public void update(Map<String, Boolean> states) {
        List<TextPoke.Poke> pokes = new ArrayList<>();
        for (Image image : images) {
            for (Image.JumpEntry entry : image.jumpEntries()) {
                Boolean enabled = states.get(keyAt(entry.key));
                if (enabled != null && image.inText(entry.code)) {
                    pokes.add(patch(image, entry, JumpType.of(enabled, entry.branch)));
                }
            }
        }
        machine.textPoke().apply(pokes, protocol);
    }

    /**
     * Adds an image's sites ({@code jump_label_add_module}): every site whose key's applied state differs
     * from its build-time value is patched before the image's text can run, with a plain copy.
     * The caller holds the flip lock, has mapped the image and registered the keys it defines.
     */
    void add(Image image, KeyRegistry keys) {
        images.add(image);
        List<TextPoke.Poke> pokes = new ArrayList<>();
        for (Image.JumpEntry entry : image.jumpEntries()) {
            KeyRecord key = keys.get(keyAt(entry.key));
            if (key.applied() != key.initialValue() && image.inText(entry.code)) {
                pokes.add(patch(image, entry, JumpType.of(key.applied(), entry.branch)));
            }
        }
        machine.textPoke().apply(pokes, TextPoke.Protocol.EARLY);
        watchSites();
    }

    /** Drops an image's sites ({@code jump_label_del_module}). The caller holds the flip lock. */
    void remove(Image image) {
        images.remove(image);
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

    /** The name of the key whose struct is at {@code address}, in whichever loaded image defines it. */
    private String keyAt(long address) {
        for (Image image : images) {
            String name = image.keyAt(address);
            if (name != null) {
                return name;
            }
        }
        return null;
    }

    /**
     * The new instruction for a site, after checking the site holds the one it is leaving
     * ({@code __jump_label_patch}).
     */
    private TextPoke.Poke patch(Image image, Image.JumpEntry entry, JumpType type) {
        int size = siteSize(image, entry);
        byte[] nop = size == 2 || size == 5 ? Encodings.nop(size) : null;
        byte[] jump = nop == null ? null : Encodings.jump(size, entry.code, entry.target);
        byte[] expected = type == JumpType.JMP ? nop : jump;
        byte[] found = image.read(entry.code, size);
        if (expected == null || !Arrays.equals(found, expected)) {
            int shown = (int) Math.min(5, image.end() - entry.code);
            throw new JumpLabelBug("jump_label: Fatal kernel bug, unexpected op at " + image.symbolize(entry.code) + " ["
                    + Long.toHexString(entry.code) + "] (" + Hex.bytes(image.read(entry.code, shown)) + " != "
                    + (expected == null ? "a 2- or 5-byte jump label site" : Hex.bytes(expected)) + ") size:" + size
                    + " type:" + (type == JumpType.JMP ? TYPE_JMP : TYPE_NOP), entry.code);
        }
        return new TextPoke.Poke(image, entry.code, type == JumpType.JMP ? jump : nop);
    }

    /** Tells the machine which bytes each site may hold, so CPUs can tell a torn decode. */
    private void watchSites() {
        Map<Long, Machine.Site> sites = new LinkedHashMap<>();
        for (Image image : images) {
            for (Image.JumpEntry entry : image.jumpEntries()) {
                if (image.inText(entry.code)) {
                    int size = siteSize(image, entry);
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
