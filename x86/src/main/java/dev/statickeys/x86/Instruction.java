package dev.statickeys.x86;

/**
 * One decoded instruction: where it is, how long, its AT&T text as objdump prints it, its branch target,
 * and the decoded fields a {@link Cpu} executes.
 */
public final class Instruction {
    /** A memory operand: {@code disp(%base,%index,scale)}; {@code base} -1 for {@code disp(%rip)}. */
    public static final class Memory {
        public final int base;
        /** -1 when there is no index. */
        public final int index;
        public final int scale;
        public final int disp;

        Memory(int base, int index, int scale, int disp) {
            this.base = base;
            this.index = index;
            this.scale = scale;
            this.disp = disp;
        }
    }

    public final long address;
    public final int length;
    /** E.g. {@code lock incl 0x8(%rax)}, {@code jmp 0x3a}; {@code (bad)} for bytes outside the subset. */
    public final String text;
    /** What {@link #target} holds for an instruction that does not branch: an address no image contains. */
    public static final long NO_TARGET = -1;

    /**
     * The absolute target of a jmp, jcc or call, else {@link #NO_TARGET}. Compare with {@link #hasTarget()},
     * never with 0: kernel addresses are negative as Java longs.
     */
    public final long target;
    /** The opcode: one byte, or {@code 0x0F00 | second} for two-byte opcodes; -1 for {@code (bad)}. */
    public final int opcode;
    /** {@code F0} (lock), {@code 3E} (ds) or 0. */
    public final int prefix;
    /** Operand width: 16, 32 or 64. */
    public final int bits;
    /** The ModRM reg field: a register number, or the opcode extension of a group opcode; -1 if no ModRM. */
    public final int reg;
    /** The register of a ModRM r/m operand, or the register coded in the opcode; -1 if none. */
    public final int rm;
    /** The memory operand, or null. */
    public final Memory memory;
    /** The immediate, sign-extended; 0 if none. */
    public final long immediate;

    Instruction(long address, int length, String text, long target) {
        this(address, length, text, target, -1, 0, 32, -1, -1, null, 0);
    }

    Instruction(long address, int length, String text, long target, int opcode, int prefix, int bits, int reg, int rm,
            Memory memory, long immediate) {
        this.address = address;
        this.length = length;
        this.text = text;
        this.target = target;
        this.opcode = opcode;
        this.prefix = prefix;
        this.bits = bits;
        this.reg = reg;
        this.rm = rm;
        this.memory = memory;
        this.immediate = immediate;
    }

    public boolean hasTarget() {
        return target != NO_TARGET;
    }

    /** The mnemonic, with its prefix if any: {@code lock incl}, {@code jmp}. */
    public String mnemonic() {
        String[] words = text.split(" ");
        return words.length > 1 && (words[0].equals("lock") || words[0].equals("ds")) ? words[0] + " " + words[1]
                : words[0];
    }

    @Override
    public String toString() {
        return Long.toHexString(address) + ": " + text;
    }
}
