package dev.statickeys.agent.x86;

/** One decoded instruction: where it is, how long, its AT&T text as objdump prints it, its branch target. */
public final class Instruction {
    public final long address;
    public final int length;
    /** E.g. {@code lock incl 0x8(%rax)}, {@code jmp 0x3a}; {@code (bad)} for bytes outside the subset. */
    public final String text;
    /** The absolute target of a jmp, jcc or call, else -1. */
    public final long target;

    Instruction(long address, int length, String text, long target) {
        this.address = address;
        this.length = length;
        this.text = text;
        this.target = target;
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
