package dev.statickeys.siterule;

import java.util.List;
import org.objectweb.asm.Label;
import org.objectweb.asm.Opcodes;

/**
 * A site as {@link SiteRecognizer} found it in a method: {@code getstatic field; invokevirtual
 * isEnabled()Z}, then {@code ifeq}/{@code ifne target} for a branch site ({@code jump} is that opcode) or
 * anything else for a value site ({@code jump} 0, {@code target} null).
 *
 * @param line the source line before the site, -1 if unknown
 * @param beforeCall labels and line numbers found between the first two instructions, in order
 * @param afterCall those found between the call and the branch
 * @param locals the frame's locals at the start of the site, in {@code visitFrame} form, or null when
 *     frames were not analysed or the code is unreachable
 * @param stack the frame's stack there, likewise
 */
public record Site(KeyField field, int jump, Label target, int line, List<Held> beforeCall, List<Held> afterCall,
        Object[] locals, Object[] stack) {
    /** A label or line number inside a site, emitted again around its rewritten form. */
    public sealed interface Held permits Mark, Line {}

    /** A label that is not a jump target (it has no frame). */
    public record Mark(Label label) implements Held {}

    /** A line number starting at {@code start}. */
    public record Line(int line, Label start) implements Held {}

    /** {@code ifeq}, {@code ifne} or {@code value}, as site tables name shapes. */
    public String shape() {
        return jump == Opcodes.IFEQ ? "ifeq" : jump == Opcodes.IFNE ? "ifne" : "value";
    }

    public boolean isBranch() {
        return jump != 0;
    }
}
