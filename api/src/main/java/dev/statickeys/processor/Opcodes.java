package dev.statickeys.processor;

import java.util.ArrayList;
import java.util.List;

/** The few JVM opcodes the site reader needs, and the length and jump targets of any instruction. */
final class Opcodes {
    static final int LDC = 18;
    static final int LDC_W = 19;
    static final int IFEQ = 153;
    static final int IFNE = 154;
    static final int GETSTATIC = 178;
    static final int PUTSTATIC = 179;
    static final int INVOKEVIRTUAL = 182;
    static final int INVOKESTATIC = 184;
    private static final int TABLESWITCH = 170;
    private static final int LOOKUPSWITCH = 171;
    private static final int WIDE = 196;
    private static final int IINC = 132;

    private Opcodes() {}

    /** The length in bytes of the instruction at {@code pc} (JVMS 6.5). */
    static int length(byte[] code, int pc) {
        int op = code[pc] & 0xFF;
        if (op == TABLESWITCH || op == LOOKUPSWITCH) {
            int at = (pc + 4) & ~3; // operands start on a 4-byte boundary
            if (op == TABLESWITCH) {
                int low = s4(code, at + 4);
                int high = s4(code, at + 8);
                return at + 12 + 4 * (high - low + 1) - pc;
            }
            return at + 8 + 8 * s4(code, at + 4) - pc;
        }
        if (op == WIDE) {
            return (code[pc + 1] & 0xFF) == IINC ? 6 : 4;
        }
        if (op >= LENGTHS.length || LENGTHS[op] == 0) {
            throw new IllegalArgumentException("unknown opcode " + op + " at " + pc);
        }
        return LENGTHS[op];
    }

    /** The jump targets of the instruction at {@code pc}. */
    static List<Integer> targets(byte[] code, int pc) {
        int op = code[pc] & 0xFF;
        List<Integer> targets = new ArrayList<>(2);
        if ((op >= 153 && op <= 168) || op == 198 || op == 199) {
            targets.add(pc + (short) (((code[pc + 1] & 0xFF) << 8) | (code[pc + 2] & 0xFF)));
        } else if (op == 200 || op == 201) {
            targets.add(pc + s4(code, pc + 1));
        } else if (op == TABLESWITCH || op == LOOKUPSWITCH) {
            int at = (pc + 4) & ~3;
            targets.add(pc + s4(code, at));
            if (op == TABLESWITCH) {
                int count = s4(code, at + 8) - s4(code, at + 4) + 1;
                for (int i = 0; i < count; i++) {
                    targets.add(pc + s4(code, at + 12 + 4 * i));
                }
            } else {
                int pairs = s4(code, at + 4);
                for (int i = 0; i < pairs; i++) {
                    targets.add(pc + s4(code, at + 8 + 8 * i + 4));
                }
            }
        }
        return targets;
    }

    private static int s4(byte[] code, int at) {
        return ((code[at] & 0xFF) << 24) | ((code[at + 1] & 0xFF) << 16) | ((code[at + 2] & 0xFF) << 8)
                | (code[at + 3] & 0xFF);
    }

    /** Fixed lengths by opcode; 0 for the variable-length and unknown ones. */
    private static final int[] LENGTHS = new int[202];

    static {
        for (int op = 0; op <= 201; op++) {
            LENGTHS[op] = 1;
        }
        int[][] lengths = {
            {16, 2}, {17, 3}, {18, 2}, {19, 3}, {20, 3}, {21, 2}, {22, 2}, {23, 2}, {24, 2}, {25, 2},
            {54, 2}, {55, 2}, {56, 2}, {57, 2}, {58, 2}, {132, 3}, {169, 2}, {178, 3}, {179, 3}, {180, 3},
            {181, 3}, {182, 3}, {183, 3}, {184, 3}, {185, 5}, {186, 5}, {187, 3}, {188, 2}, {189, 3}, {192, 3},
            {193, 3}, {197, 4}, {198, 3}, {199, 3}, {200, 5}, {201, 5},
        };
        for (int[] entry : lengths) {
            LENGTHS[entry[0]] = entry[1];
        }
        for (int op = 153; op <= 168; op++) {
            LENGTHS[op] = 3;
        }
        LENGTHS[TABLESWITCH] = 0;
        LENGTHS[LOOKUPSWITCH] = 0;
        LENGTHS[WIDE] = 0;
    }
}
