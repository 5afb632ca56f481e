package dev.statickeys.x86;

import java.util.ArrayList;
import java.util.List;

/**
 * Decodes the subset {@link Assembler} writes, printing each instruction the way GNU objdump does in its
 * default AT&T syntax (the tests hold it to that). Bytes outside the subset decode as {@code (bad)},
 * one byte long.
 */
public final class Disassembler {
    private final byte[] code;
    private final long base;
    private int at;
    // The fields of the instruction being decoded (see Instruction).
    private int opcode = -1;
    private int prefixByte;
    private int bits = 32;
    private int reg = -1;
    private int rm = -1;
    private Instruction.Memory memoryOperand;
    private long immediate;

    private Disassembler(byte[] code, long base) {
        this.code = code;
        this.base = base;
    }

    /** Decodes {@code length} bytes of {@code code} from {@code offset}; {@code code[0]} is at address {@code base}. */
    public static List<Instruction> decodeAll(byte[] code, int offset, int length, long base) {
        List<Instruction> instructions = new ArrayList<>();
        int end = offset + length;
        int at = offset;
        while (at < end) {
            Instruction instruction = decode(code, at, base);
            instructions.add(instruction);
            at += instruction.length;
        }
        return instructions;
    }

    /** Decodes the instruction at {@code code[offset]}, whose address is {@code base + offset}. */
    public static Instruction decode(byte[] code, int offset, long base) {
        Disassembler decoder = new Disassembler(code, base);
        decoder.at = offset;
        try {
            return decoder.decode(offset);
        } catch (ArrayIndexOutOfBoundsException truncated) {
            return new Instruction(base + offset, 1, "(bad)", Instruction.NO_TARGET);
        }
    }

    private Instruction decode(int start) {
        String prefix = "";
        int op = next();
        if (op == Encodings.LOCK || op == Encodings.DS) {
            prefix = op == Encodings.LOCK ? "lock " : "ds ";
            prefixByte = op;
            op = next();
        }
        boolean operand16 = false;
        if (op == 0x66) {
            operand16 = true;
            op = next();
        }
        int rex = 0;
        if ((op & 0xF0) == 0x40) {
            rex = op;
            op = next();
        }
        boolean quad = (rex & 8) != 0;
        bits = quad ? 64 : operand16 ? 16 : 32;
        opcode = op;
        String suffix = quad ? "q" : "l";
        switch (op) {
            case 0x90:
                return done(start, operand16 ? "xchg   %ax,%ax" : prefix.isEmpty() ? "nop" : prefix + "nop");
            case 0xC3:
                return done(start, "ret");
            case 0xCC:
                return done(start, "int3");
            case 0xEB:
                return branch(start, "jmp", (byte) next());
            case 0xE9:
                return branch(start, "jmp", int32());
            case 0xE8:
                return branch(start, "call", int32());
            case 0xFF: {
                int modrm = next();
                if ((modrm >> 3 & 7) != 0 || (modrm >> 6) == 3) {
                    return bad(start);
                }
                reg = 0;
                return done(start, instr(prefix, "inc" + suffix, memory(modrm, rex)));
            }
            case 0x83:
            case 0x81: {
                int modrm = next();
                int extension = modrm >> 3 & 7;
                if (extension != 0 && extension != 7) {
                    return bad(start);
                }
                String name = extension == 0 ? "add" : "cmp";
                reg = extension;
                if ((modrm >> 6) == 3) {
                    rm = (modrm & 7) | (rex & 1) << 3;
                    int imm = op == 0x83 ? (byte) next() : int32();
                    immediate = imm;
                    return done(start, instr(prefix, name, immediate(imm, bits) + "," + Reg.of(rm).name(bits)));
                }
                String memory = memory(modrm, rex);
                int imm = op == 0x83 ? (byte) next() : int32();
                immediate = imm;
                return done(start, instr(prefix, name + suffix, immediate(imm, bits) + "," + memory));
            }
            case 0x0F:
                return twoByte(start, prefix, rex, bits);
            case 0x89:
            case 0x8B:
            case 0x01:
            case 0x39:
            case 0x85:
            case 0x31: {
                int modrm = next();
                reg = (modrm >> 3 & 7) | (rex & 4) << 1;
                String regName = Reg.of(reg).name(bits);
                String other;
                if ((modrm >> 6) == 3) {
                    rm = (modrm & 7) | (rex & 1) << 3;
                    other = Reg.of(rm).name(bits);
                } else {
                    other = memory(modrm, rex);
                }
                String name = op == 0x01 ? "add" : op == 0x39 ? "cmp" : op == 0x85 ? "test"
                        : op == 0x31 ? "xor" : "mov";
                return done(start, instr(prefix, name, op == 0x8B ? other + "," + regName : regName + "," + other));
            }
            default:
                break;
        }
        if (op >= 0xB8 && op <= 0xBF) {
            rm = (op & 7) | (rex & 1) << 3;
            bits = 32;
            int imm = int32();
            immediate = imm & 0xFFFFFFFFL; // a 32-bit mov zero-extends
            return done(start, instr(prefix, "mov", immediate(imm, 32) + "," + Reg.of(rm).name(32)));
        }
        if (op >= 0x50 && op <= 0x5F) {
            String name = op < 0x58 ? "push" : "pop";
            rm = (op & 7) | (rex & 1) << 3;
            bits = 64;
            return done(start, instr(prefix, name, Reg.of(rm).name(64)));
        }
        if (op >= 0x70 && op <= 0x7F) {
            return branch(start, "j" + Encodings.CONDITIONS.get(op & 15), (byte) next());
        }
        return bad(start);
    }

    private Instruction twoByte(int start, String prefix, int rex, int bits) {
        int op = next();
        opcode = 0x0F00 | op;
        if (op >= 0x80 && op <= 0x8F) {
            return branch(start, "j" + Encodings.CONDITIONS.get(op & 15), int32());
        }
        int modrm = next();
        if ((modrm >> 6) == 3) {
            return bad(start);
        }
        if (op == 0x1F && (modrm >> 3 & 7) == 0) {
            return done(start, instr(prefix, "nop" + (bits == 64 ? "q" : bits == 16 ? "w" : "l"), memory(modrm, rex)));
        }
        if (op == 0xC1 || op == 0xB1) {
            reg = (modrm >> 3 & 7) | (rex & 4) << 1;
            return done(start, instr(prefix, op == 0xC1 ? "xadd" : "cmpxchg", Reg.of(reg).name(bits) + ","
                    + memory(modrm, rex)));
        }
        return bad(start);
    }

    /** The memory operand of a ModRM byte (mod != 3), reading SIB and displacement. */
    private String memory(int modrm, int rex) {
        int mod = modrm >> 6;
        int low = modrm & 7;
        if (low == 4) {
            int sib = next();
            int scale = 1 << (sib >> 6);
            int indexNumber = (sib >> 3 & 7) | (rex & 2) << 2;
            int baseNumber = (sib & 7) | (rex & 1) << 3;
            if ((sib & 7) == 5 && mod == 0) {
                throw new ArrayIndexOutOfBoundsException("no base: outside the subset");
            }
            String baseName = Reg.of(baseNumber).name(64);
            String index = "";
            if (indexNumber != 4) {
                index = "," + Reg.of(indexNumber).name(64) + "," + scale;
            }
            int disp = mod == 0 ? 0 : mod == 1 ? (byte) next() : int32();
            memoryOperand = new Instruction.Memory(baseNumber, indexNumber == 4 ? -1 : indexNumber, scale, disp);
            return (mod == 0 ? "" : hex(disp)) + "(" + baseName + index + ")";
        } else if (low == 5 && mod == 0) {
            int disp = int32();
            memoryOperand = new Instruction.Memory(-1, -1, 1, disp);
            return hex(disp) + "(%rip)";
        }
        int baseNumber = low | (rex & 1) << 3;
        int disp = mod == 0 ? 0 : mod == 1 ? (byte) next() : int32();
        memoryOperand = new Instruction.Memory(baseNumber, -1, 1, disp);
        return (mod == 0 ? "" : hex(disp)) + "(" + Reg.of(baseNumber).name(64) + ")";
    }

    private Instruction branch(int start, String name, int displacement) {
        long target = base + at + displacement;
        return build(start, instr("", name, "0x" + Long.toHexString(target)), target);
    }

    private Instruction done(int start, String text) {
        return build(start, text, Instruction.NO_TARGET);
    }

    private Instruction build(int start, String text, long target) {
        return new Instruction(base + start, at - start, text, target, opcode, prefixByte, bits, reg, rm,
                memoryOperand, immediate);
    }

    private Instruction bad(int start) {
        return new Instruction(base + start, 1, "(bad)", Instruction.NO_TARGET);
    }

    /** objdump pads an unprefixed mnemonic to six columns; a prefix and its mnemonic are joined by one space. */
    private static String instr(String prefix, String name, String operands) {
        if (!prefix.isEmpty()) {
            return prefix + name + " " + operands;
        }
        StringBuilder text = new StringBuilder(name);
        while (text.length() < 6) {
            text.append(' ');
        }
        return text.append(' ').append(operands).toString();
    }

    /** objdump prints an immediate as the unsigned value of its operand width. */
    private static String immediate(int value, int bits) {
        return "$0x" + (bits == 64 ? Long.toHexString(value) : bits == 16 ? Integer.toHexString(value & 0xFFFF)
                : Integer.toHexString(value));
    }

    private static String hex(int value) {
        return value < 0 ? "-0x" + Integer.toHexString(-value) : "0x" + Integer.toHexString(value);
    }

    private int next() {
        return code[at++] & 0xFF;
    }

    private int int32() {
        int value = Encodings.getInt(code, at);
        at += 4;
        return value;
    }
}
