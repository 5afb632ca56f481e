package dev.statickeys.agent.jvm;

import static dev.statickeys.agent.jvm.ApiNames.DESC_IS_ENABLED;
import static dev.statickeys.agent.jvm.ApiNames.DESC_STATIC_KEY;
import static dev.statickeys.agent.jvm.ApiNames.METHOD_IS_ENABLED;
import static dev.statickeys.agent.jvm.ApiNames.TYPE_STATIC_KEY;

import dev.statickeys.internal.core.JumpType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.commons.AnalyzerAdapter;

/**
 * Rewrites the sites of one method. A site is the three instructions
 * <pre>
 *   getstatic Owner.FIELD : StaticKey      (a resolved static final key field)
 *   invokevirtual StaticKey.isEnabled()Z
 *   ifeq L | ifne L                        (branch site)   -- or anything else (value site)
 * </pre>
 * with no jump target and no exception range boundary between the first two; one before the third makes
 * it a value site. From class file version 51 on, every jump target carries a stack map frame, so a
 * label without a frame (a line number, a local variable range) does not split a site: it is kept, and
 * placed before the rewritten instructions. In older class files any label splits a site.
 *
 * <p>In the inline form a branch site becomes {@code goto L} or nothing, as {@link JumpType#of} decides;
 * a value site becomes {@code iconst_0} or {@code iconst_1}. In the holder form the first two
 * instructions become {@code invokestatic Holder.isEnabled()Z} and the rest is kept. The stack and
 * locals around a site are the same before and after it, so every existing stack map frame stays valid.
 * The only new frame is the one the verifier needs after a {@code goto} that now ends a basic block: it
 * is the frame at the start of the site, taken from the {@link AnalyzerAdapter} that sees the original
 * instructions just before this visitor. Where sites patched to nothing leave two frames at one offset,
 * the earlier is dropped ({@link #visitFrame}). With a {@link SiteCheck}, only the sites it accepts are
 * rewritten. No class is ever loaded.
 */
final class SitePatcher extends MethodVisitor {
    private final String method;
    private final Map<KeyField, FieldPatch> patches;
    private final SiteCheck check;
    private final boolean emitFrames;
    private final boolean framesAtJumpTargets;
    private final Set<Label> exceptionRangeLabels = new HashSet<>();
    /** Labels and line numbers inside the pending site: between its first two instructions, then after. */
    private final List<Object[]> heldBeforeCall = new ArrayList<>();
    private final List<Object[]> heldAfterCall = new ArrayList<>();
    private AnalyzerAdapter frames;
    private int line = -1;

    private String pendingOwner;
    private String pendingName;
    private boolean pendingCall;
    private Object[] siteLocals;
    private Object[] siteStack;

    private Object[] frameLocals;
    private Object[] frameStack;
    private boolean needFrame;
    /** The class's last frame, not yet written: type, locals count, locals, stack count, stack. */
    private Object[] classFrame;
    private int patched;

    /**
     * @param method the method's name and descriptor, for the check
     * @param patches what the sites reading each key field become; fields without one stay as they are
     * @param check the sites that may be patched, or null for all of them
     * @param version the class file's major version
     */
    SitePatcher(MethodVisitor next, String method, Map<KeyField, FieldPatch> patches, SiteCheck check, int version) {
        super(Opcodes.ASM9, next);
        this.method = method;
        this.patches = patches;
        this.check = check;
        this.emitFrames = version >= Opcodes.V1_6;
        this.framesAtJumpTargets = version >= Opcodes.V1_7;
    }

    /**
     * The analyzer in front of this visitor; its state is the frame before the instruction being visited.
     * Needed for inline sites only.
     */
    void frames(AnalyzerAdapter analyzer) {
        this.frames = analyzer;
    }

    /** How many sites were rewritten. */
    int patched() {
        return patched;
    }

    @Override
    public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
        flush();
        if (opcode == Opcodes.GETSTATIC && DESC_STATIC_KEY.equals(descriptor)) {
            pendingOwner = owner;
            pendingName = name;
            FieldPatch patch = patches.get(new KeyField(owner, name));
            if (frames != null && frames.locals != null && patch != null && patch.isInline()) {
                siteLocals = frameTypes(frames.locals, true);
                siteStack = frameTypes(frames.stack, false);
            }
            return;
        }
        beforeInstruction();
        super.visitFieldInsn(opcode, owner, name, descriptor);
    }

    @Override
    public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
        if (pendingOwner != null && !pendingCall && opcode == Opcodes.INVOKEVIRTUAL
                && TYPE_STATIC_KEY.equals(owner) && METHOD_IS_ENABLED.equals(name)
                && DESC_IS_ENABLED.equals(descriptor)) {
            pendingCall = true;
            return;
        }
        flush();
        beforeInstruction();
        super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
    }

    @Override
    public void visitJumpInsn(int opcode, Label label) {
        if (pendingCall && (opcode == Opcodes.IFEQ || opcode == Opcodes.IFNE)) {
            site(opcode == Opcodes.IFEQ ? "ifeq" : "ifne", opcode, label);
            return;
        }
        flush();
        beforeInstruction();
        super.visitJumpInsn(opcode, label);
    }

    @Override
    public void visitLineNumber(int line, Label start) {
        if (pendingOwner != null) {
            held().add(new Object[] {line, start}); // its label is held: the site goes on
            return;
        }
        this.line = line;
        super.visitLineNumber(line, start);
    }

    @Override
    public void visitTryCatchBlock(Label start, Label end, Label handler, String type) {
        exceptionRangeLabels.add(start);
        exceptionRangeLabels.add(end);
        exceptionRangeLabels.add(handler);
        super.visitTryCatchBlock(start, end, handler, type);
    }

    @Override
    public void visitInsn(int opcode) {
        flush();
        beforeInstruction();
        super.visitInsn(opcode);
    }

    @Override
    public void visitIntInsn(int opcode, int operand) {
        flush();
        beforeInstruction();
        super.visitIntInsn(opcode, operand);
    }

    @Override
    public void visitVarInsn(int opcode, int varIndex) {
        flush();
        beforeInstruction();
        super.visitVarInsn(opcode, varIndex);
    }

    @Override
    public void visitTypeInsn(int opcode, String type) {
        flush();
        beforeInstruction();
        super.visitTypeInsn(opcode, type);
    }

    @Override
    public void visitInvokeDynamicInsn(String name, String descriptor, Handle bootstrapMethodHandle,
            Object... bootstrapMethodArguments) {
        flush();
        beforeInstruction();
        super.visitInvokeDynamicInsn(name, descriptor, bootstrapMethodHandle, bootstrapMethodArguments);
    }

    @Override
    public void visitLdcInsn(Object value) {
        flush();
        beforeInstruction();
        super.visitLdcInsn(value);
    }

    @Override
    public void visitIincInsn(int varIndex, int increment) {
        flush();
        beforeInstruction();
        super.visitIincInsn(varIndex, increment);
    }

    @Override
    public void visitTableSwitchInsn(int min, int max, Label dflt, Label... labels) {
        flush();
        beforeInstruction();
        super.visitTableSwitchInsn(min, max, dflt, labels);
    }

    @Override
    public void visitLookupSwitchInsn(Label dflt, int[] keys, Label[] labels) {
        flush();
        beforeInstruction();
        super.visitLookupSwitchInsn(dflt, keys, labels);
    }

    @Override
    public void visitMultiANewArrayInsn(String descriptor, int numDimensions) {
        flush();
        beforeInstruction();
        super.visitMultiANewArrayInsn(descriptor, numDimensions);
    }

    @Override
    public void visitLabel(Label label) {
        if (pendingOwner != null && framesAtJumpTargets && !exceptionRangeLabels.contains(label)) {
            held().add(new Object[] {label}); // not a jump target: it has no frame (a frame would flush)
            return;
        }
        flush(); // a label inside the pattern may be a jump target: leave that code alone
        super.visitLabel(label);
    }

    /**
     * Holds the class's frame until the next instruction: when every site between two frames is patched
     * to nothing, both would share one offset, which a StackMapTable cannot express. The later frame is
     * kept. It is correct for the earlier one's jumps too: the code between fell through from the earlier
     * point to the later, so the verifier had already accepted the earlier frame against the later one.
     */
    @Override
    public void visitFrame(int type, int numLocal, Object[] local, int numStack, Object[] stack) {
        flush();
        needFrame = false; // the class's own frame describes this point
        classFrame = new Object[] {type, numLocal, local == null ? null : local.clone(), numStack,
                stack == null ? null : stack.clone()};
    }

    @Override
    public void visitMaxs(int maxStack, int maxLocals) {
        flush();
        super.visitMaxs(maxStack, maxLocals);
    }

    @Override
    public void visitEnd() {
        flush();
        super.visitEnd();
    }

    /** Emits what is buffered: a value site, or a lone key load unchanged. */
    private void flush() {
        if (pendingOwner == null) {
            return;
        }
        if (pendingCall) {
            site("value", 0, null);
        } else {
            String owner = pendingOwner;
            String name = pendingName;
            List<Object[]> held = List.copyOf(heldBeforeCall);
            clearPending();
            beforeInstruction();
            super.visitFieldInsn(Opcodes.GETSTATIC, owner, name, DESC_STATIC_KEY);
            replay(held);
        }
    }

    /**
     * Emits the site just read, patched if it can be and the check accepts it.
     *
     * @param jump the branch opcode ({@code ifeq} or {@code ifne}), or 0 for a value site
     */
    private void site(String shape, int jump, Label label) {
        String owner = pendingOwner;
        String name = pendingName;
        FieldPatch patch = patches.get(new KeyField(owner, name));
        Object[] locals = siteLocals;
        Object[] stack = siteStack;
        List<Object[]> beforeCall = List.copyOf(heldBeforeCall);
        List<Object[]> afterCall = List.copyOf(heldAfterCall);
        clearPending();
        boolean accepted = check == null || check.found(method, line, owner, name, shape);
        String holder = accepted && patch != null ? patch.holder() : null;
        Boolean enabled = accepted && locals != null && patch != null && patch.isInline() ? patch.state() : null;
        if (holder != null || enabled != null) {
            replay(beforeCall);
            replay(afterCall);
        }
        if (holder != null) {
            patched++;
            beforeInstruction();
            super.visitMethodInsn(Opcodes.INVOKESTATIC, holder, METHOD_IS_ENABLED, DESC_IS_ENABLED, false);
            if (jump != 0) {
                super.visitJumpInsn(jump, label);
            }
        } else if (enabled != null) {
            patched++;
            if (jump == 0) {
                beforeInstruction();
                super.visitInsn(enabled ? Opcodes.ICONST_1 : Opcodes.ICONST_0);
            } else if (JumpType.of(enabled, jump == Opcodes.IFEQ) == JumpType.JMP) {
                beforeInstruction();
                super.visitJumpInsn(Opcodes.GOTO, label);
                // The next instruction starts a basic block reached only by jumps, if at all.
                needFrame = emitFrames;
                frameLocals = locals;
                frameStack = stack;
            }
            // A site that becomes nothing writes no frame either: a frame still owed to the code after an
            // earlier goto goes before the next instruction, or gives way to the class's own frame there
            // (two frames at one offset make the StackMapTable invalid: A || B with both keys enabled).
        } else {
            beforeInstruction();
            super.visitFieldInsn(Opcodes.GETSTATIC, owner, name, DESC_STATIC_KEY);
            replay(beforeCall);
            super.visitMethodInsn(Opcodes.INVOKEVIRTUAL, TYPE_STATIC_KEY, METHOD_IS_ENABLED, DESC_IS_ENABLED, false);
            replay(afterCall);
            if (jump != 0) {
                super.visitJumpInsn(jump, label);
            }
        }
    }

    private List<Object[]> held() {
        return pendingCall ? heldAfterCall : heldBeforeCall;
    }

    /** Emits held labels and line numbers in their order. */
    private void replay(List<Object[]> held) {
        for (Object[] event : held) {
            if (event.length == 1) {
                super.visitLabel((Label) event[0]);
            } else {
                line = (Integer) event[0];
                super.visitLineNumber(line, (Label) event[1]);
            }
        }
    }

    private void clearPending() {
        heldBeforeCall.clear();
        heldAfterCall.clear();
        pendingOwner = null;
        pendingName = null;
        pendingCall = false;
        siteLocals = null;
        siteStack = null;
    }

    private void beforeInstruction() {
        if (classFrame != null) {
            Object[] frame = classFrame;
            classFrame = null;
            super.visitFrame((Integer) frame[0], (Integer) frame[1], (Object[]) frame[2], (Integer) frame[3],
                    (Object[]) frame[4]);
        } else if (needFrame) {
            needFrame = false;
            super.visitFrame(Opcodes.F_NEW, frameLocals.length, frameLocals, frameStack.length, frameStack);
        }
    }

    /**
     * Converts the analyzer's slot list (long and double take two slots, the second TOP) into
     * {@code visitFrame}'s form (one element each), dropping trailing TOPs of the locals.
     */
    private static Object[] frameTypes(List<Object> slots, boolean locals) {
        List<Object> types = new ArrayList<>(slots.size());
        for (int i = 0; i < slots.size(); i++) {
            Object type = slots.get(i);
            types.add(type);
            if (type == Opcodes.LONG || type == Opcodes.DOUBLE) {
                i++;
            }
        }
        int size = types.size();
        while (locals && size > 0 && types.get(size - 1) == Opcodes.TOP) {
            size--;
        }
        return types.subList(0, size).toArray();
    }
}
