package dev.statickeys.x86;

/** A memory operand {@code disp(%base)}: a base register plus a signed 32-bit displacement. */
public final class Mem {
    final Reg base;
    final int disp;

    private Mem(Reg base, int disp) {
        this.base = base;
        this.disp = disp;
    }

    /** {@code disp(%base)}. */
    public static Mem at(Reg base, int disp) {
        return new Mem(base, disp);
    }

    /** {@code (%base)}. */
    public static Mem at(Reg base) {
        return new Mem(base, 0);
    }
}
