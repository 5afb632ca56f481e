package dev.statickeys.x86;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Uniprocessor boot and the second CPU coming online, on a linked image, checked with objdump. */
class SmpLocksTest {
    @TempDir
    Path temp;

    private static Image image() {
        return Linker.link(List.of(LinkerTest.core(), LinkerTest.net()), Linker.KERNEL_BASE);
    }

    private static List<Instruction> text(Image image) {
        return Disassembler.decodeAll(image.bytes(), 0, (int) (image.textEnd - image.base), image.base);
    }

    private static long count(List<Instruction> instructions, String prefix) {
        return instructions.stream().filter(i -> i.text.startsWith(prefix)).count();
    }

    @Test
    void theKernelsChoiceKeepsEachLockedInstructionOneInstruction() {
        Image image = image();
        List<Instruction> smp = text(image);
        assertEquals(3, SmpLocks.unlock(image, SmpLocks.UpByte.DS).size());
        List<Instruction> up = text(image);
        assertEquals(smp.size(), up.size());
        assertEquals(3, count(up, "ds "));
        assertEquals(0, count(up, "lock "));
        assertEquals(3, SmpLocks.lock(image, SmpLocks.UpByte.DS).size());
        assertArrayEquals(image().bytes(), image.bytes(), "back to the linked image");
    }

    @Test
    void aNopInsteadTurnsOneInstructionIntoTwo() {
        Image image = image();
        int before = text(image).size();
        SmpLocks.unlock(image, SmpLocks.UpByte.NOP);
        List<Instruction> up = text(image);
        assertEquals(before + 3, up.size(), "each nop is an instruction of its own");
        for (long site : image.lockSites()) {
            Instruction nop = Disassembler.decode(image.bytes(), (int) (site - image.base), image.base);
            assertEquals("nop", nop.text);
            Instruction next = Disassembler.decode(image.bytes(), (int) (site + 1 - image.base), image.base);
            assertEquals(false, next.text.startsWith("lock"), next.text);
        }
        SmpLocks.lock(image, SmpLocks.UpByte.NOP);
        assertArrayEquals(image().bytes(), image.bytes());
    }

    @Test
    void entriesOutsideTheTextAreSkipped() {
        Image image = image();
        long keyStruct = image.keys.get("a");
        // Point the first entry at a key struct (outside the text) and zero the second.
        image.writeInt(image.locksStart, (int) (keyStruct - image.locksStart));
        image.writeInt(image.locksStart + 4, 0);
        byte[] data = image.read(keyStruct, 16);
        assertEquals(1, SmpLocks.unlock(image, SmpLocks.UpByte.DS).size());
        assertArrayEquals(data, image.read(keyStruct, 16));
    }

    @Test
    void objdumpSeesTheSameAfterEachStep() throws Exception {
        Objdump.require();
        for (SmpLocks.UpByte choice : SmpLocks.UpByte.values()) {
            Image image = image();
            SmpLocks.unlock(image, choice);
            assertAgreesWithObjdump(image);
            SmpLocks.lock(image, choice);
            assertAgreesWithObjdump(image);
        }
    }

    private void assertAgreesWithObjdump(Image image) throws Exception {
        Objdump.assertAgrees(Arrays.copyOf(image.bytes(), (int) (image.textEnd - image.base)), image.base, temp);
    }
}
