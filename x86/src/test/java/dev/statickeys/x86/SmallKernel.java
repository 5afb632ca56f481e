package dev.statickeys.x86;

/**
 * The objects the x86 tests boot. {@code core} defines key {@code on} (true) and {@code off} (false) and
 * has one site of each key in each form; {@code worker} loops forever calling {@code core.f}, counting
 * its iterations at {@code 0(%rdi)}; {@code f} counts taken true paths at {@code 8(%rdi)} (key
 * {@code off}) and {@code 12(%rdi)} (key {@code on}).
 */
final class SmallKernel {
    private SmallKernel() {}

    static ObjectFile core() {
        Assembler asm = new Assembler("core");
        Assembler.KeyRef on = asm.defineKey("on", true);
        Assembler.KeyRef off = asm.defineKey("off", false);
        Assembler.Label offTrue = asm.label("off_true");
        Assembler.Label offBack = asm.label(null);
        Assembler.Label onFalse = asm.label("on_false");
        Assembler.Label onBack = asm.label(null);
        Assembler.Label loop = asm.label(null);
        Assembler.Label f = asm.label("f");

        asm.bind(asm.label("worker"));
        asm.bind(loop).call(f);
        asm.lockPrefix().inc(Mem.at(Reg.RDI), false);
        asm.jmp(loop, false);

        // if (static_branch_unlikely(&off)) counts[2]++;  if (static_branch_likely(&on)) counts[3]++;
        asm.bind(f).push(Reg.RBP).mov(Reg.RSP, Reg.RBP, true);
        asm.staticBranch(off, false, offTrue, true);
        asm.bind(offBack);
        asm.staticBranch(on, true, onFalse, false);
        asm.lockPrefix().inc(Mem.at(Reg.RDI, 12), false);
        asm.bind(onBack).pop(Reg.RBP).ret();
        asm.bind(offTrue).lockPrefix().inc(Mem.at(Reg.RDI, 8), false);
        asm.jmp(offBack, false);
        asm.bind(onFalse).jmp(onBack, false);

        // The two other forms, for the truth table: likely(off) and unlikely(on), wide and narrow.
        Assembler.Label out = asm.label("out");
        asm.bind(asm.label("g"));
        asm.staticBranch(off, true, out, false);
        asm.staticBranch(on, false, out, true);
        asm.bind(out).ret();
        return asm.finish();
    }

    /** A module with sites of both kernel keys. */
    static ObjectFile module(String name) {
        Assembler asm = new Assembler(name);
        Assembler.Label out = asm.label("out");
        asm.bind(asm.label("entry"));
        asm.staticBranch(new Assembler.KeyRef("off", false), false, out, true);
        asm.staticBranch(new Assembler.KeyRef("on", true), true, out, false);
        asm.lockPrefix().add(1, Mem.at(Reg.RSI, 16), false);
        asm.bind(out).ret();
        return asm.finish();
    }
}
