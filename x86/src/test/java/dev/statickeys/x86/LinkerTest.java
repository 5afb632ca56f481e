package dev.statickeys.x86;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two objects linked into one image: the kernel's table layouts, the sorted jump table, objdump's view. */
class LinkerTest {
    @TempDir
    Path temp;

    /** Defines keys b (true) and a (false), in that order, with sites of b before sites of a. */
    static ObjectFile core() {
        Assembler asm = new Assembler("core");
        Assembler.KeyRef b = asm.defineKey("b", true);
        Assembler.KeyRef a = asm.defineKey("a", false);
        Assembler.Label out = asm.label("out");
        asm.bind(asm.label("f")).push(Reg.RBP).mov(Reg.RSP, Reg.RBP, true);
        asm.lockPrefix().inc(Mem.at(Reg.RDI, 8), false);
        asm.staticBranch(b, true, out, true);
        asm.staticBranch(a, false, out, false);
        asm.lockPrefix().xadd(Reg.RAX, Mem.at(Reg.RDI), true);
        asm.staticBranch(a, true, out, true);
        asm.bind(out).pop(Reg.RBP).ret();
        return asm.finish();
    }

    /** Uses key a from core; its own LOCK_PREFIX. */
    static ObjectFile net() {
        Assembler asm = new Assembler("net");
        Assembler.KeyRef a = new Assembler.KeyRef("a", false);
        Assembler.Label slow = asm.label("slow");
        asm.bind(asm.label("rx"));
        asm.staticBranch(a, false, slow, true);
        asm.xor(Reg.RAX, Reg.RAX, false).ret();
        asm.bind(slow).lockPrefix().cmpxchg(Reg.RCX, Mem.at(Reg.RSI, 16), true).ret();
        return asm.finish();
    }

    @Test
    void tablesHaveTheKernelsLayoutAndTheJumpTableSortsAsTheKernelSortsIt() {
        Image image = Linker.link(List.of(core(), net()), Linker.KERNEL_BASE);
        JumpTable.sort(image);
        assertEquals(3, image.lockSites().size());
        for (long site : image.lockSites()) {
            assertEquals((byte) 0xF0, image.read(site), "lock site " + Long.toHexString(site));
            assertTrue(image.inText(site));
        }
        assertEquals(0, (image.locksEnd - image.locksStart) % 4);
        List<Image.JumpEntry> entries = image.jumpEntries();
        assertEquals(4, entries.size());
        long keyA = image.keys.get("a");
        long keyB = image.keys.get("b");
        long first = Long.compareUnsigned(keyA, keyB) < 0 ? keyA : keyB;
        for (int i = 1; i < entries.size(); i++) {
            Image.JumpEntry before = entries.get(i - 1);
            Image.JumpEntry after = entries.get(i);
            assertTrue(Long.compareUnsigned(before.key, after.key) < 0
                    || before.key == after.key && Long.compareUnsigned(before.code, after.code) < 0, "sorted at " + i);
        }
        assertEquals(first, entries.get(0).key);
        for (Image.JumpEntry entry : entries) {
            String key = image.keyAt(entry.key);
            boolean initial = key.equals("b");
            byte opcode = image.read(entry.code);
            boolean isJump = opcode == (byte) 0xE9 || opcode == (byte) 0xEB;
            assertEquals(initial ^ entry.branch, isJump, "build-time instruction of a site of " + key);
            assertEquals(entry.code >= image.symbols.get("net.rx") ? image.symbols.get("net.slow")
                    : image.symbols.get("core.out"), entry.target);
            assertEquals(initial ? 1 : 0, image.readInt(entry.key), "struct static_key.enabled of " + key);
        }
    }

    @Test
    void theSameObjectsLinkIntoTheSameBytes() {
        assertArrayEquals(Linker.link(List.of(core(), net()), Linker.KERNEL_BASE).bytes(),
                Linker.link(List.of(core(), net()), Linker.KERNEL_BASE).bytes());
    }

    @Test
    void linkErrorsNameTheKeyAndObject() {
        assertEquals("net: a site at +0x0 uses key a, which no object defines",
                assertThrows(IllegalArgumentException.class, () -> Linker.link(List.of(net()), Linker.KERNEL_BASE))
                        .getMessage());
        assertEquals("key b is defined twice (again in core)", assertThrows(IllegalArgumentException.class,
                () -> Linker.link(List.of(core(), core()), Linker.KERNEL_BASE)).getMessage());
    }

    @Test
    void objdumpReadsTheLinkedTextAsWeDo() throws Exception {
        Objdump.require();
        Image image = Linker.link(List.of(core(), net()), Linker.KERNEL_BASE);
        Objdump.assertAgrees(Arrays.copyOf(image.bytes(), (int) (image.textEnd - image.base)), image.base, temp);
        assertArrayEquals(Encodings.NOP5, image.read(image.symbols.get("net.rx"), 5), "net's site starts as a NOP");
    }
}
