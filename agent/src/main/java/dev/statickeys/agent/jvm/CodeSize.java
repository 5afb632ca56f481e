package dev.statickeys.agent.jvm;

import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Counts the bytes of the instructions passing through it, as javac encodes them: constant pool indices
 * are taken to fit in one byte where an instruction has a short form ({@code ldc}), local variables below 4
 * in the one-byte forms, and switches at their largest padding. An estimate, not the class file's exact
 * code length; the one {@link BlockOutliner} measures blocks with, so that {@link ClassScan} can tell, in
 * its one read, which methods are too small to hold a block worth moving.
 */
class CodeSize extends MethodVisitor {
    private int bytes;

    CodeSize(MethodVisitor next) {
        super(Opcodes.ASM9, next);
    }

    /** The bytes counted so far. */
    final int bytes() {
        return bytes;
    }

    @Override
    public void visitInsn(int opcode) {
        bytes += 1;
        super.visitInsn(opcode);
    }

    @Override
    public void visitIntInsn(int opcode, int operand) {
        bytes += opcode == Opcodes.SIPUSH ? 3 : 2;
        super.visitIntInsn(opcode, operand);
    }

    @Override
    public void visitVarInsn(int opcode, int varIndex) {
        bytes += varIndex < 4 ? 1 : varIndex < 256 ? 2 : 4;
        super.visitVarInsn(opcode, varIndex);
    }

    @Override
    public void visitTypeInsn(int opcode, String type) {
        bytes += 3;
        super.visitTypeInsn(opcode, type);
    }

    @Override
    public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
        bytes += 3;
        super.visitFieldInsn(opcode, owner, name, descriptor);
    }

    @Override
    public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
        bytes += opcode == Opcodes.INVOKEINTERFACE ? 5 : 3;
        super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
    }

    @Override
    public void visitInvokeDynamicInsn(String name, String descriptor, Handle bootstrapMethodHandle,
            Object... bootstrapMethodArguments) {
        bytes += 5;
        super.visitInvokeDynamicInsn(name, descriptor, bootstrapMethodHandle, bootstrapMethodArguments);
    }

    @Override
    public void visitJumpInsn(int opcode, Label label) {
        bytes += 3;
        super.visitJumpInsn(opcode, label);
    }

    @Override
    public void visitLdcInsn(Object value) {
        bytes += value instanceof Long || value instanceof Double ? 3 : 2;
        super.visitLdcInsn(value);
    }

    @Override
    public void visitIincInsn(int varIndex, int increment) {
        bytes += varIndex < 256 && increment >= -128 && increment <= 127 ? 3 : 6;
        super.visitIincInsn(varIndex, increment);
    }

    @Override
    public void visitTableSwitchInsn(int min, int max, Label dflt, Label... labels) {
        bytes += 16 + 4 * labels.length;
        super.visitTableSwitchInsn(min, max, dflt, labels);
    }

    @Override
    public void visitLookupSwitchInsn(Label dflt, int[] keys, Label[] labels) {
        bytes += 12 + 8 * labels.length;
        super.visitLookupSwitchInsn(dflt, keys, labels);
    }

    @Override
    public void visitMultiANewArrayInsn(String descriptor, int numDimensions) {
        bytes += 4;
        super.visitMultiANewArrayInsn(descriptor, numDimensions);
    }
}
