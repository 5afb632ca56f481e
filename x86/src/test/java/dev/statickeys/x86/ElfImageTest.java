package dev.statickeys.x86;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.statickeys.internal.core.JumpType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An image built the way the kernel is built: two C files using the kernel's static-branch ({@code asm goto}
 * with {@code __jump_table} entries) and {@code LOCK_PREFIX} patterns, compiled by gcc and linked by GNU ld at
 * the kernel's text address. {@code net.c} is built with its entries as an objtool build leaves them (bit 1
 * set). The image boots on one CPU, a second comes online, and every key flips both ways; at every step every
 * byte of the text is held to the kernel's rules, every key's {@code struct static_key} to what the kernel
 * keeps there, and every instruction to GNU objdump.
 */
class ElfImageTest {
    private static final long TEXT = 0xffffffff81000000L;

    @TempDir
    Path temp;

    /** A site's fields as ld wrote them, for comparing the table before and after the kernel sorts it. */
    private record Site(long code, long target, long key, boolean branch) {}

    private Path build() throws IOException, InterruptedException {
        Toolchain.require();
        Toolchain.sources(temp, "static_branch.h", "core.c", "net.c", "kernel.lds");
        Path core = Toolchain.compile(temp, "core.c");
        Path net = Toolchain.compile(temp, "net.c", "-DSK_OBJTOOL_ENTRIES");
        return Toolchain.link(temp, "kernel.lds", core, net);
    }

    @Test
    void readsTheTablesTextAndKeysLdWroteByTheirSymbols() throws Exception {
        Image image = ElfImage.load(build());
        assertEquals(TEXT, image.textStart);
        assertEquals(Set.of("core_on", "core_off", "net_tracing"), image.keys.keySet());
        assertTrue(image.symbols.keySet().containsAll(List.of("core_tick", "core_forms", "net_rx")), image.symbols.toString());
        assertEquals(5, image.lockSites().size(), "three LOCK_PREFIX uses in core_tick, two in net_rx");
        for (long site : image.lockSites()) {
            assertTrue(image.inText(site));
            assertEquals((byte) Encodings.LOCK, image.read(site), image.symbolize(site));
        }
        assertEquals(7, image.jumpEntries().size());
        long netRx = image.symbols.get("net_rx");
        for (Image.JumpEntry entry : image.jumpEntries()) {
            assertEquals(Long.compareUnsigned(entry.code, netRx) >= 0, entry.init,
                    "bit 1 as built: set by net.c's objtool-style entries only, at " + image.symbolize(entry.code));
        }
        assertEquals(1, image.readInt(image.keys.get("core_on")));
        assertEquals(1, image.readLong(image.keys.get("core_on") + 8));
        assertEquals(0, image.readLong(image.keys.get("net_tracing") + 8));
    }

    @Test
    void bootsSortsAndPatchesAsTheKernelDoesCheckedByteByByteAndAgainstObjdump() throws Exception {
        Objdump.require();
        Image image = ElfImage.load(build());
        byte[] asLinked = text(image);
        Set<Site> built = sites(image);
        Kernel kernel = Kernel.boot(image, 1, SmpLocks.UpByte.DS, Kernel.MODULES_BASE);

        // jump_label_init: sorted by key, then code; the same sites; bit 1 rewritten (no init text here).
        assertEquals(built, sites(image));
        List<Image.JumpEntry> entries = image.jumpEntries();
        for (int i = 1; i < entries.size(); i++) {
            Image.JumpEntry before = entries.get(i - 1);
            Image.JumpEntry after = entries.get(i);
            assertTrue(Long.compareUnsigned(before.key, after.key) < 0
                    || before.key == after.key && Long.compareUnsigned(before.code, after.code) < 0, "sorted at " + i);
        }
        entries.forEach(entry -> assertEquals(false, entry.init, "bit 1 at " + image.symbolize(entry.code)));
        Map<Long, Integer> sizes = siteSizes(image);
        assertEquals(Set.of(2, 5), new HashSet<>(sizes.values()), "gas chose both JMP sizes; the NOPs are 5 bytes");
        List<Objdump.Line> linkedListing = Objdump.disassemble(asLinked, image.textStart, temp);
        assertFollowsTheKernel(kernel, asLinked, sizes, linkedListing, (byte) Encodings.DS);

        kernel.cpuUp();
        assertFollowsTheKernel(kernel, asLinked, sizes, linkedListing, (byte) Encodings.LOCK);
        for (String key : image.keys.keySet()) {
            boolean initial = kernel.keys().enabled(key);
            flip(kernel, key, !initial);
            assertFollowsTheKernel(kernel, asLinked, sizes, linkedListing, (byte) Encodings.LOCK);
            flip(kernel, key, initial);
            assertFollowsTheKernel(kernel, asLinked, sizes, linkedListing, (byte) Encodings.LOCK);
        }
        kernel.keys().batch(() -> image.keys.keySet().forEach(key -> flip(kernel, key, !kernel.keys().enabled(key))));
        assertFollowsTheKernel(kernel, asLinked, sizes, linkedListing, (byte) Encodings.LOCK);
        kernel.keys().batch(() -> image.keys.keySet().forEach(key -> flip(kernel, key, !kernel.keys().enabled(key))));
        assertArrayEquals(asLinked, text(image), "every key back where it started: the text is as ld wrote it");
    }

    @Test
    void aFileThatIsNotAnX86ElfExecutableIsRefusedNamingIt() throws Exception {
        Path notElf = Files.write(temp.resolve("plain.bin"), new byte[] {1, 2, 3});
        assertEquals(notElf + ": not an ELF file",
                assertThrows(IllegalArgumentException.class, () -> ElfImage.load(notElf)).getMessage());
        build();
        Path script = temp.resolve("bare.lds");
        Files.writeString(script, "SECTIONS { . = 0xffffffff81000000; .text : { *(.text .text.*) } }\n");
        Path bare = Toolchain.link(temp, "bare.lds", temp.resolve("core.o"), temp.resolve("net.o"));
        assertEquals(bare + ": no symbol _text; the linker script must define _text, _etext, __smp_locks,"
                + " __smp_locks_end, __start___jump_table and __stop___jump_table",
                assertThrows(IllegalArgumentException.class, () -> ElfImage.load(bare)).getMessage());
    }

    private static void flip(Kernel kernel, String key, boolean enabled) {
        if (enabled) {
            kernel.keys().enable(key);
        } else {
            kernel.keys().disable(key);
        }
    }

    /**
     * Every site holds the instruction the truth table gives for its key's state (the JMP to its target or the
     * NOP, of the size it was built with); every LOCK site holds {@code lockByte}; every other text byte is as
     * ld wrote it; every key's struct holds its count and its first entry with its type bit; and objdump reads
     * the text with the same instruction boundaries as the linked text, and each site and LOCK instruction as
     * our decoder does.
     */
    private void assertFollowsTheKernel(Kernel kernel, byte[] asLinked, Map<Long, Integer> sizes,
            List<Objdump.Line> linkedListing, byte lockByte) throws Exception {
        Image image = kernel.image();
        byte[] expected = asLinked.clone();
        for (Image.JumpEntry entry : image.jumpEntries()) {
            int size = sizes.get(entry.code);
            boolean enabled = kernel.keys().enabled(image.keyAt(entry.key));
            byte[] instruction = JumpType.of(enabled, entry.branch) == JumpType.JMP
                    ? Encodings.jump(size, entry.code, entry.target) : Encodings.nop(size);
            System.arraycopy(instruction, 0, expected, (int) (entry.code - image.textStart), size);
        }
        for (long site : image.lockSites()) {
            expected[(int) (site - image.textStart)] = lockByte;
        }
        assertArrayEquals(expected, text(image), "the text follows the kernel's rules");

        Map<Long, Long> firstEntries = new LinkedHashMap<>();
        image.jumpEntries().forEach(entry -> firstEntries.putIfAbsent(entry.key, entry.entry));
        for (Map.Entry<String, Long> key : image.keys.entrySet()) {
            long struct = key.getValue();
            assertEquals(kernel.keys().count(key.getKey()), image.readInt(struct), "enabled of " + key.getKey());
            boolean initiallyTrue = kernel.keys().core().keys().get(key.getKey()).initialValue();
            assertEquals(firstEntries.get(struct) | (initiallyTrue ? 1 : 0), image.readLong(struct + 8),
                    "entries | type of " + key.getKey());
        }

        List<Objdump.Line> listing = Objdump.disassemble(text(image), image.textStart, temp);
        assertEquals(linkedListing.size(), listing.size(), "instruction count");
        Set<Long> checked = new HashSet<>(sizes.keySet());
        checked.addAll(image.lockSites());
        for (int i = 0; i < listing.size(); i++) {
            Objdump.Line line = listing.get(i);
            assertEquals(linkedListing.get(i).address, line.address, "instruction boundaries never move");
            assertEquals(linkedListing.get(i).length, line.length, "at " + Long.toHexString(line.address));
            if (checked.remove(line.address)) {
                Instruction ours = Disassembler.decode(image.read(line.address, line.length), 0, line.address);
                String where = image.symbolize(line.address) + ": objdump says " + line.text + ", we say " + ours.text;
                assertEquals(Objdump.normalize(line.text), Objdump.normalize(ours.text), where);
                assertEquals(line.length, ours.length, where);
                if (ours.hasTarget()) {
                    assertTrue(line.text.contains("0x" + Long.toHexString(ours.target)), where);
                }
            }
        }
        assertEquals(Set.of(), checked, "objdump has an instruction at every site and LOCK prefix");
    }

    private static Map<Long, Integer> siteSizes(Image image) {
        Map<Long, Integer> sizes = new LinkedHashMap<>();
        for (Image.JumpEntry entry : image.jumpEntries()) {
            sizes.put(entry.code, Disassembler.decode(image.read(entry.code, 5), 0, entry.code).length);
        }
        return sizes;
    }

    private static Set<Site> sites(Image image) {
        Set<Site> sites = new HashSet<>();
        image.jumpEntries().forEach(entry -> sites.add(new Site(entry.code, entry.target, entry.key, entry.branch)));
        return sites;
    }

    private static byte[] text(Image image) {
        return image.read(image.textStart, (int) (image.textEnd - image.textStart));
    }
}
