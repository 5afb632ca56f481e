package dev.statickeys.x86;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Assembles one compilation unit of a small x86-64 subset with exact encodings, and the two kernel
 * markers: {@link #lockPrefix()} (the kernel's {@code LOCK_PREFIX}) and {@link #staticBranch} (the
 * {@code static_branch_likely/unlikely} asm goto). Branches to labels are resolved when the unit is
 * {@linkplain #finish finished}; a {@code rel8} branch whose target is out of range is an error.
 */
public final class Assembler {
    private final String name;
    private final ByteArrayOutputStream text = new ByteArrayOutputStream();
    private final List<Fixup> fixups = new ArrayList<>();
    private final List<Integer> smpLocks = new ArrayList<>();
    private final List<ObjectFile.JumpSite> jumpSites = new ArrayList<>();
    private final List<Label> siteTargets = new ArrayList<>();
    private final Map<String, Label> symbols = new LinkedHashMap<>();
    private final Map<String, Boolean> keys = new LinkedHashMap<>();
    private boolean objtool;

    /** A position in the text, bound once. */
    public static final class Label {
        private final String name;
        private int offset = -1;

        private Label(String name) {
            this.name = name;
        }

        public String name() {
            return name;
        }
    }

    /** A key as a site sees it: its name and its build-time default (the C type of the key). */
    public static final class KeyRef {
        final String name;
        final boolean initialValue;

        public KeyRef(String name, boolean initialValue) {
            this.name = name;
            this.initialValue = initialValue;
        }
    }

    private static final class Fixup {
        final int at;        // where the displacement goes
        final int size;      // 1 or 4
        final int end;       // the end of the instruction, which the displacement counts from
        final Label target;

        Fixup(int at, int size, int end, Label target) {
            this.at = at;
            this.size = size;
            this.end = end;
            this.target = target;
        }
    }

    public Assembler(String name) {
        this.name = name;
    }

    public Label label(String labelName) {
        return new Label(labelName);
    }

    /** Binds {@code label} here; a named label becomes a symbol of the object. */
    public Assembler bind(Label label) {
        if (label.offset >= 0) {
            throw new IllegalStateException("label " + label.name + " is bound twice");
        }
        label.offset = text.size();
        if (label.name != null && !label.name.isEmpty()) {
            symbols.put(label.name, label);
        }
        return this;
    }

    /** Declares a key this object defines (its {@code struct static_key}). */
    public KeyRef defineKey(String keyName, boolean initialValue) {
        keys.put(keyName, initialValue);
        return new KeyRef(keyName, initialValue);
    }

    /**
     * Writes every later site's entry as an objtool build does ({@code HAVE_JUMP_LABEL_HACK}, the x86-64
     * default): its key field carries bit 1, which the kernel rewrites when it boots or loads the image
     * ({@link JumpTable#setInitBits}).
     */
    public Assembler objtoolBuild() {
        objtool = true;
        return this;
    }

    public int position() {
        return text.size();
    }

    // ---- kernel markers ----

    /** {@code LOCK_PREFIX}: a {@code F0} byte and an {@code .smp_locks} entry pointing at it. */
    public Assembler lockPrefix() {
        smpLocks.add(text.size());
        return emit(0xF0);
    }

    /** A bare {@code lock} prefix, not recorded: code that needs the lock even on one CPU. */
    public Assembler lock() {
        return emit(0xF0);
    }

    /**
     * A static branch site: {@code static_branch_likely(key)} when {@code likely} ({@code branch} bit
     * 1), else {@code static_branch_unlikely(key)}. The site jumps to {@code target} when its
     * instruction is a JMP; the build-time instruction is {@code key.initialValue ^ likely}
     * (1 = JMP, 0 = NOP), as in the kernel. {@code wide} chooses the 5-byte form, else the 2-byte one.
     */
    public Assembler staticBranch(KeyRef key, boolean likely, Label target, boolean wide) {
        int at = text.size();
        boolean jump = key.initialValue ^ likely;
        if (jump) {
            jmp(target, wide);
        } else {
            emit(wide ? Encodings.NOP5 : Encodings.NOP2);
        }
        jumpSites.add(new ObjectFile.JumpSite(at, wide ? 5 : 2, -1, key.name, likely, objtool));
        siteTargets.add(target);
        return this;
    }

    // ---- instructions ----

    /** {@code incl mem} / {@code incq mem}. */
    public Assembler inc(Mem mem, boolean quad) {
        return rex(quad, 0, mem).emit(0xFF).modrm(0, mem);
    }

    /** {@code add $imm, mem}: the imm8 form when the value fits in a signed byte. */
    public Assembler add(int imm, Mem mem, boolean quad) {
        rex(quad, 0, mem);
        boolean small = imm == (byte) imm;
        emit(small ? 0x83 : 0x81).modrm(0, mem);
        return small ? emit(imm) : emit32(imm);
    }

    /** {@code xadd %reg, mem}. */
    public Assembler xadd(Reg reg, Mem mem, boolean quad) {
        return rex(quad, reg.number(), mem).emit(0x0F).emit(0xC1).modrm(reg.low3(), mem);
    }

    /** {@code cmpxchg %reg, mem}. */
    public Assembler cmpxchg(Reg reg, Mem mem, boolean quad) {
        return rex(quad, reg.number(), mem).emit(0x0F).emit(0xB1).modrm(reg.low3(), mem);
    }

    /** {@code jmp target}: {@code EB rel8} or {@code E9 rel32}. */
    public Assembler jmp(Label target, boolean wide) {
        emit(wide ? 0xE9 : 0xEB);
        return displacement(target, wide ? 4 : 1);
    }

    /** {@code call target}: {@code E8 rel32}. */
    public Assembler call(Label target) {
        emit(0xE8);
        return displacement(target, 4);
    }

    /** {@code jcc target}, {@code cc} one of {@link Encodings#CONDITIONS}: {@code 7x rel8} or {@code 0F 8x rel32}. */
    public Assembler jcc(String cc, Label target, boolean wide) {
        int code = Encodings.condition(cc);
        if (wide) {
            emit(0x0F).emit(0x80 + code);
        } else {
            emit(0x70 + code);
        }
        return displacement(target, wide ? 4 : 1);
    }

    public Assembler ret() {
        return emit(0xC3);
    }

    public Assembler int3() {
        return emit(0xCC);
    }

    public Assembler nop2() {
        return emit(Encodings.NOP2);
    }

    public Assembler nop5() {
        return emit(Encodings.NOP5);
    }

    /** {@code mov %from, %to}. */
    public Assembler mov(Reg from, Reg to, boolean quad) {
        return regReg(0x89, from, to, quad);
    }

    /** {@code mov $imm32, %to} (32-bit: {@code B8+r id}). */
    public Assembler movImm(int imm, Reg to) {
        if (to.extended()) {
            emit(0x41);
        }
        return emit(0xB8 + to.low3()).emit32(imm);
    }

    /** {@code mov mem, %to}. */
    public Assembler load(Mem mem, Reg to, boolean quad) {
        return rex(quad, to.number(), mem).emit(0x8B).modrm(to.low3(), mem);
    }

    /** {@code mov %from, mem}. */
    public Assembler store(Reg from, Mem mem, boolean quad) {
        return rex(quad, from.number(), mem).emit(0x89).modrm(from.low3(), mem);
    }

    /** {@code add %from, %to}. */
    public Assembler add(Reg from, Reg to, boolean quad) {
        return regReg(0x01, from, to, quad);
    }

    /** {@code add $imm8, %to}. */
    public Assembler addImm8(int imm, Reg to, boolean quad) {
        return regOp(0x83, 0, to, quad).emit(imm);
    }

    /** {@code cmp %from, %to}. */
    public Assembler cmp(Reg from, Reg to, boolean quad) {
        return regReg(0x39, from, to, quad);
    }

    /** {@code cmp $imm8, %to}. */
    public Assembler cmpImm8(int imm, Reg to, boolean quad) {
        return regOp(0x83, 7, to, quad).emit(imm);
    }

    /** {@code test %from, %to}. */
    public Assembler test(Reg from, Reg to, boolean quad) {
        return regReg(0x85, from, to, quad);
    }

    /** {@code xor %from, %to}. */
    public Assembler xor(Reg from, Reg to, boolean quad) {
        return regReg(0x31, from, to, quad);
    }

    public Assembler push(Reg reg) {
        if (reg.extended()) {
            emit(0x41);
        }
        return emit(0x50 + reg.low3());
    }

    public Assembler pop(Reg reg) {
        if (reg.extended()) {
            emit(0x41);
        }
        return emit(0x58 + reg.low3());
    }

    /** Raw bytes, for data or for testing what the patcher refuses. */
    public Assembler bytes(int... values) {
        for (int value : values) {
            emit(value);
        }
        return this;
    }

    /**
     * Resolves every branch and returns the object.
     *
     * @throws IllegalStateException naming the label if one is unbound or out of {@code rel8} range
     */
    public ObjectFile finish() {
        byte[] code = text.toByteArray();
        for (Fixup fixup : fixups) {
            if (fixup.target.offset < 0) {
                throw new IllegalStateException(name + ": label " + fixup.target.name + " is never bound");
            }
            int displacement = fixup.target.offset - fixup.end;
            if (fixup.size == 1) {
                if (displacement != (byte) displacement) {
                    throw new IllegalStateException(name + ": label " + fixup.target.name + " is " + displacement
                            + " bytes away, out of rel8 range (-128..127); use the 5-byte form");
                }
                code[fixup.at] = (byte) displacement;
            } else {
                Encodings.putInt(code, fixup.at, displacement);
            }
        }
        List<ObjectFile.JumpSite> sites = new ArrayList<>();
        for (int i = 0; i < jumpSites.size(); i++) {
            ObjectFile.JumpSite site = jumpSites.get(i);
            Label target = siteTargets.get(i);
            if (target.offset < 0) {
                throw new IllegalStateException(name + ": label " + target.name + " is never bound");
            }
            sites.add(new ObjectFile.JumpSite(site.code, site.size, target.offset, site.key, site.branch, site.init));
        }
        Map<String, Integer> symbolOffsets = new LinkedHashMap<>();
        symbols.forEach((symbol, label) -> symbolOffsets.put(symbol, label.offset));
        return new ObjectFile(name, code, smpLocks, sites, symbolOffsets, keys);
    }

    // ---- encoding helpers ----

    private Assembler regReg(int opcode, Reg from, Reg to, boolean quad) {
        int rex = (quad ? 8 : 0) | (from.extended() ? 4 : 0) | (to.extended() ? 1 : 0);
        if (rex != 0) {
            emit(0x40 | rex);
        }
        return emit(opcode).emit(0xC0 | from.low3() << 3 | to.low3());
    }

    private Assembler regOp(int opcode, int extension, Reg to, boolean quad) {
        int rex = (quad ? 8 : 0) | (to.extended() ? 1 : 0);
        if (rex != 0) {
            emit(0x40 | rex);
        }
        return emit(opcode).emit(0xC0 | extension << 3 | to.low3());
    }

    private Assembler rex(boolean quad, int reg, Mem mem) {
        int rex = (quad ? 8 : 0) | (reg >= 8 ? 4 : 0) | (mem.base.extended() ? 1 : 0);
        return rex != 0 ? emit(0x40 | rex) : this;
    }

    /** ModRM (+ SIB for an rsp/r12 base) + displacement for {@code disp(%base)}. */
    private Assembler modrm(int reg, Mem mem) {
        int base = mem.base.low3();
        int mod = mem.disp == 0 && base != 5 ? 0 : mem.disp == (byte) mem.disp ? 1 : 2;
        emit(mod << 6 | (reg & 7) << 3 | base);
        if (base == 4) {
            emit(0x24); // SIB: no index, base rsp/r12
        }
        return mod == 0 ? this : mod == 1 ? emit(mem.disp) : emit32(mem.disp);
    }

    private Assembler displacement(Label target, int size) {
        int at = text.size();
        fixups.add(new Fixup(at, size, at + size, target));
        for (int i = 0; i < size; i++) {
            emit(0);
        }
        return this;
    }

    private Assembler emit(int value) {
        text.write(value);
        return this;
    }

    private Assembler emit(byte[] values) {
        text.writeBytes(values);
        return this;
    }

    private Assembler emit32(int value) {
        return emit(value).emit(value >> 8).emit(value >> 16).emit(value >> 24);
    }
}
