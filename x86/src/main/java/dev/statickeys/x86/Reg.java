package dev.statickeys.x86;

/** The sixteen general-purpose registers, by encoding number. */
public enum Reg {
    RAX, RCX, RDX, RBX, RSP, RBP, RSI, RDI, R8, R9, R10, R11, R12, R13, R14, R15;

    private static final String[] LEGACY = {"ax", "cx", "dx", "bx", "sp", "bp", "si", "di"};

    /** The number in ModRM/REX encoding, 0 to 15. */
    public int number() {
        return ordinal();
    }

    /** Whether encoding it needs a REX bit. */
    boolean extended() {
        return ordinal() >= 8;
    }

    int low3() {
        return ordinal() & 7;
    }

    /** The AT&T name at the given width in bits (16, 32 or 64), e.g. {@code %eax}, {@code %r9d}. */
    public String name(int bits) {
        int n = ordinal();
        if (n >= 8) {
            return "%r" + n + (bits == 64 ? "" : bits == 32 ? "d" : "w");
        }
        return "%" + (bits == 64 ? "r" : bits == 32 ? "e" : "") + LEGACY[n];
    }

    static Reg of(int number) {
        return values()[number];
    }
}
