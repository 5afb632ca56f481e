package dev.statickeys.x86;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The assembler's encodings, and our disassembler held to GNU objdump instruction by instruction. */
class X86EncodingTest {
    @TempDir
    Path temp;

    private static byte[] assemble(java.util.function.Consumer<Assembler> code) {
        Assembler asm = new Assembler("t");
        code.accept(asm);
        return asm.finish().text();
    }

    private static byte[] bytes(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }

    @Test
    void theKernelsEncodings() {
        assertArrayEquals(bytes(0x0F, 0x1F, 0x44, 0x00, 0x00), assemble(Assembler::nop5));
        assertArrayEquals(bytes(0x66, 0x90), assemble(Assembler::nop2));
        assertArrayEquals(bytes(0xC3, 0xCC), assemble(a -> a.ret().int3()));
        assertArrayEquals(bytes(0xE9, 0x00, 0x00, 0x00, 0x00, 0xEB, 0xF9), assemble(a -> {
            Assembler.Label start = a.label("start");
            Assembler.Label next = a.label("next");
            a.bind(start).jmp(next, true).bind(next).jmp(start, false);
        }));
        assertArrayEquals(bytes(0xE8, 0x01, 0x00, 0x00, 0x00, 0xC3, 0xC3), assemble(a -> {
            Assembler.Label target = a.label("f");
            a.call(target).ret().bind(target).ret();
        }));
        assertArrayEquals(bytes(0xF0, 0xFF, 0x40, 0x08), assemble(a -> a.lockPrefix().inc(Mem.at(Reg.RAX, 8), false)));
    }

    @Test
    void lockPrefixIsRecordedAndAStaticBranchStartsAsTypeXorBranch() {
        Assembler asm = new Assembler("t");
        Assembler.KeyRef off = asm.defineKey("off", false);
        Assembler.KeyRef on = asm.defineKey("on", true);
        Assembler.Label out = asm.label("out");
        asm.lockPrefix().inc(Mem.at(Reg.RDI), false);
        asm.staticBranch(off, false, out, true);  // unlikely, false key: NOP
        asm.staticBranch(off, true, out, false);  // likely, false key: JMP
        asm.staticBranch(on, false, out, false);  // unlikely, true key: JMP
        asm.staticBranch(on, true, out, true);    // likely, true key: NOP
        asm.bind(out).ret();
        ObjectFile object = asm.finish();
        assertEquals(List.of(0), object.smpLocks);
        byte[] text = object.text();
        assertEquals(4, object.jumpSites.size());
        assertArrayEquals(Encodings.NOP5, java.util.Arrays.copyOfRange(text, 3, 8));
        assertEquals((byte) 0xEB, text[8]);
        assertEquals((byte) 0xEB, text[10]);
        assertArrayEquals(Encodings.NOP5, java.util.Arrays.copyOfRange(text, 12, 17));
        assertEquals(17, object.jumpSites.get(0).target);
        assertTrue(object.jumpSites.get(1).branch);
    }

    @Test
    void anUnboundOrFarLabelIsAnError() {
        Assembler unbound = new Assembler("u");
        unbound.jmp(unbound.label("nowhere"), true);
        assertEquals("u: label nowhere is never bound", assertThrows(IllegalStateException.class, unbound::finish)
                .getMessage());
        Assembler far = new Assembler("f");
        Assembler.Label end = far.label("end");
        far.jmp(end, false);
        for (int i = 0; i < 200; i++) {
            far.ret();
        }
        far.bind(end);
        assertEquals("f: label end is 200 bytes away, out of rel8 range (-128..127); use the 5-byte form",
                assertThrows(IllegalStateException.class, far::finish).getMessage());
    }

    /** Every instruction form, over every register as operand and as base. */
    static byte[] everyForm() {
        Assembler a = new Assembler("every");
        Assembler.Label top = a.label("top");
        Assembler.Label bottom = a.label("bottom");
        a.bind(top);
        int[] displacements = {0, 8, -8, 0x100, -0x1000};
        for (Reg base : Reg.values()) {
            for (int disp : displacements) {
                Mem mem = Mem.at(base, disp);
                for (boolean quad : new boolean[] {false, true}) {
                    a.lockPrefix().inc(mem, quad);
                    a.lockPrefix().add(1, mem, quad);
                    a.lockPrefix().add(1000, mem, quad);
                    a.lockPrefix().xadd(Reg.of(15 - base.number()), mem, quad);
                    a.lockPrefix().cmpxchg(Reg.of((base.number() + 3) % 16), mem, quad);
                    a.load(mem, Reg.of((base.number() + 5) % 16), quad);
                    a.store(Reg.of((base.number() + 7) % 16), mem, quad);
                }
            }
        }
        for (Reg from : Reg.values()) {
            Reg to = Reg.of((from.number() + 9) % 16);
            for (boolean quad : new boolean[] {false, true}) {
                a.mov(from, to, quad).add(from, to, quad).cmp(from, to, quad).test(from, to, quad).xor(from, to, quad);
                a.addImm8(8, to, quad).addImm8(-8, to, quad).cmpImm8(3, to, quad);
            }
            a.movImm(1, from).movImm(-1, from).push(from).pop(from);
        }
        for (String cc : Encodings.CONDITIONS) {
            a.jcc(cc, top, true).jcc(cc, bottom, true);
        }
        a.jcc("e", bottom, false).jmp(bottom, false).jmp(top, true).call(top).nop2().nop5().int3();
        a.bytes(0x3E, 0xFF, 0x40, 0x08).bytes(0x90, 0xFF, 0x40, 0x08); // what UP patching makes of lock incl
        a.bind(bottom).ret();
        return a.finish().text();
    }

    @Test
    void ourDisassemblyAgreesWithObjdumpOnEveryInstruction() throws Exception {
        Objdump.require();
        byte[] image = everyForm();
        assertEquals(1483, Objdump.assertAgrees(image, 0xffffffff81000000L, temp));
    }
}
