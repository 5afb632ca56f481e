package dev.statickeys.x86;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Human-readable views of an image: its two patch tables and objdump-style disassembly around a site. */
public final class Listing {
    private Listing() {}

    /** {@code .smp_locks}: each entry, where it points, and the byte there now. */
    public static List<String> smpLocks(Image image) {
        List<String> lines = new ArrayList<>();
        lines.add(".smp_locks (" + (image.locksEnd - image.locksStart) / 4 + " entries, s32 self-relative)");
        long entry = image.locksStart;
        for (long site : image.lockSites()) {
            lines.add(String.format("  %x: %+d -> %x %-26s byte %02x", entry, site - entry, site,
                    "<" + image.symbolize(site) + ">", image.read(site) & 0xFF));
            entry += 4;
        }
        return lines;
    }

    /**
     * {@code __jump_table}: each entry with its code, target and key resolved, the branch bit, and the
     * instruction the site holds now.
     *
     * @param keys every key struct address known (the kernel's and modules'), by name
     */
    public static List<String> jumpTable(Image image, Map<String, Long> keys) {
        List<String> lines = new ArrayList<>();
        lines.add("__jump_table (" + (image.jumpTableEnd - image.jumpTableStart) / Image.JUMP_ENTRY_SIZE
                + " entries of 16 bytes, sorted by key, then code)");
        for (Image.JumpEntry entry : image.jumpEntries()) {
            String key = "?";
            for (Map.Entry<String, Long> known : keys.entrySet()) {
                key = known.getValue() == entry.key ? known.getKey() : key;
            }
            Instruction now = decodeAt(image, entry.code);
            lines.add(String.format("  %x: code %x %-26s target %-20s key %-10s %-8s %s", entry.entry, entry.code,
                    "<" + image.symbolize(entry.code) + ">", "<" + image.symbolize(entry.target) + ">", key,
                    entry.branch ? "likely" : "unlikely", now.hasTarget() ? "JMP" : "NOP"));
        }
        return lines;
    }

    /**
     * objdump-style lines for the instructions around {@code address}: decoding starts at the closest
     * symbol before it, so instruction boundaries are right; the line at {@code address} is marked.
     */
    public static List<String> around(Image image, long address, int before, int after) {
        long start = address;
        for (long symbol : image.symbols.values()) {
            if (symbol <= address && (start == address || symbol > start)) {
                start = symbol;
            }
        }
        List<Instruction> instructions = Disassembler.decodeAll(image.bytes(), (int) (start - image.base),
                (int) (Math.min(image.textEnd, address + 64) - start), image.base);
        int at = 0;
        while (at < instructions.size() && instructions.get(at).address < address) {
            at++;
        }
        List<String> lines = new ArrayList<>();
        for (int i = Math.max(0, at - before); i <= Math.min(instructions.size() - 1, at + after); i++) {
            lines.add(line(image, instructions.get(i), i == at));
        }
        return lines;
    }

    /** One instruction as {@code objdump -d} prints it, marked with {@code =>} when {@code marked}. */
    public static String line(Image image, Instruction instruction, boolean marked) {
        String bytes = Hex.bytes(image.read(instruction.address, instruction.length));
        String target = instruction.hasTarget() ? " <" + image.symbolize(instruction.target) + ">" : "";
        return String.format("%s %x:\t%-21s\t%s%s", marked ? "=>" : "  ", instruction.address, bytes, instruction.text,
                target);
    }

    private static Instruction decodeAt(Image image, long address) {
        return Disassembler.decode(image.read(address, (int) Math.min(15, image.end() - address)), 0, address);
    }
}
