package dev.statickeys.x86;

import java.util.List;

/**
 * Byte sequences shared by the assembler, the disassembler and the patcher: the jump-label NOPs of
 * {@code arch/x86/include/asm/nops.h} ({@code BYTES_NOP2}, {@code BYTES_NOP5}), the JMP forms
 * {@code text_gen_insn} builds ({@code arch/x86/include/asm/text-patching.h}), and the LOCK and DS prefixes
 * {@code alternatives_smp_lock/unlock} swap ({@code arch/x86/kernel/alternative.c}).
 */
public final class Encodings {
    /** {@code 0F 1F 44 00 00}: {@code nopl 0x0(%rax,%rax,1)}. */
    public static final byte[] NOP5 = {0x0F, 0x1F, 0x44, 0x00, 0x00};
    /** {@code 66 90}: {@code xchg %ax,%ax}. */
    public static final byte[] NOP2 = {0x66, (byte) 0x90};
    public static final int LOCK = 0xF0;
    /** The DS segment prefix: the kernel's uniprocessor replacement for LOCK. */
    public static final int DS = 0x3E;
    public static final int NOP = 0x90;
    public static final int INT3 = 0xCC;
    public static final int JMP8 = 0xEB;
    public static final int JMP32 = 0xE9;

    /** Condition codes in encoding order (the low nibble of {@code 7x} / {@code 0F 8x}). */
    public static final List<String> CONDITIONS = List.of(
            "o", "no", "b", "ae", "e", "ne", "be", "a", "s", "ns", "p", "np", "l", "ge", "le", "g");

    private Encodings() {}

    static int condition(String cc) {
        int code = CONDITIONS.indexOf(cc);
        if (code < 0) {
            throw new IllegalArgumentException("condition '" + cc + "'; expected one of " + CONDITIONS);
        }
        return code;
    }

    /** The JMP of a site of {@code size} (2 or 5) at {@code code} to {@code target}. */
    public static byte[] jump(int size, long code, long target) {
        long displacement = target - (code + size);
        if (size == 2) {
            if (displacement != (byte) displacement) {
                throw new IllegalArgumentException("target " + Long.toHexString(target) + " out of rel8 range of "
                        + Long.toHexString(code));
            }
            return new byte[] {(byte) JMP8, (byte) displacement};
        }
        byte[] bytes = new byte[5];
        bytes[0] = (byte) JMP32;
        putInt(bytes, 1, (int) displacement);
        return bytes;
    }

    /** The NOP of a site of {@code size} (2 or 5). */
    public static byte[] nop(int size) {
        return (size == 2 ? NOP2 : NOP5).clone();
    }

    static void putInt(byte[] bytes, int at, int value) {
        bytes[at] = (byte) value;
        bytes[at + 1] = (byte) (value >> 8);
        bytes[at + 2] = (byte) (value >> 16);
        bytes[at + 3] = (byte) (value >> 24);
    }

    static int getInt(byte[] bytes, int at) {
        return (bytes[at] & 0xFF) | (bytes[at + 1] & 0xFF) << 8 | (bytes[at + 2] & 0xFF) << 16 | bytes[at + 3] << 24;
    }
}
