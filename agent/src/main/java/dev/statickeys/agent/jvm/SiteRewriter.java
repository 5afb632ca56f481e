package dev.statickeys.agent.jvm;

import static dev.statickeys.agent.jvm.ApiNames.DESC_IS_ENABLED;
import static dev.statickeys.agent.jvm.ApiNames.DESC_STATIC_KEY;
import static dev.statickeys.agent.jvm.ApiNames.METHOD_IS_ENABLED;
import static dev.statickeys.agent.jvm.ApiNames.TYPE_STATIC_KEY;

import dev.statickeys.internal.core.JumpType;
import dev.statickeys.siterule.InstructionHook;
import dev.statickeys.siterule.KeyField;
import dev.statickeys.siterule.Site;
import dev.statickeys.siterule.SiteRecognizer;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Rewrites the sites {@link SiteRecognizer} finds in one method, as their key field's {@link FieldPatch}
 * says, and keeps the method's stack map frames valid.
 *
 * <p>In the inline form a branch site becomes {@code goto L} or nothing, as {@link JumpType#of} decides;
 * a value site becomes {@code iconst_0} or {@code iconst_1}. In the holder form the first two
 * instructions become {@code invokestatic Holder.isEnabled()Z} and the rest is kept. A site without a
 * patch, or one the {@link TableCheck} does not accept, is written back as it was. The stack and locals
 * around a site are the same before and after it, so every existing stack map frame stays valid. The
 * only new frame is the one the verifier needs after a {@code goto} that now ends a basic block: it is
 * the frame at the start of the site ({@link Site#locals}). Where sites patched to nothing leave two
 * frames at one offset, the earlier is dropped ({@link #visitFrame}). No class is ever loaded.
 */
final class SiteRewriter extends InstructionHook implements SiteRecognizer.Listener {
    private final String method;
    private final Map<KeyField, FieldPatch> patches;
    private final TableCheck check;
    private final boolean emitFrames;
    /** The frame owed to the code after a {@code goto} this rewriter wrote, or null. */
    private Frame owedFrame;
    /** The class's last frame, not yet written. */
    private Frame classFrame;
    private int patched;

    /** A frame as {@code visitFrame} takes it. */
    private record Frame(int type, int numLocal, Object[] local, int numStack, Object[] stack) {
        static Frame copyOf(int type, int numLocal, Object[] local, int numStack, Object[] stack) {
            return new Frame(type, numLocal, local == null ? null : local.clone(), numStack,
                    stack == null ? null : stack.clone());
        }
    }

    /**
     * @param method the method's name and descriptor, for the check
     * @param patches what the sites reading each key field become; fields without one stay as they are
     * @param check the sites that may be patched, or null for all of them
     * @param version the class file's major version
     */
    SiteRewriter(MethodVisitor next, String method, Map<KeyField, FieldPatch> patches, TableCheck check, int version) {
        super(next);
        this.method = method;
        this.patches = patches;
        this.check = check;
        this.emitFrames = version >= Opcodes.V1_6;
    }

    /** How many sites were rewritten. */
    int patched() {
        return patched;
    }

    /**
     * Holds the class's frame until the next instruction: when every site between two frames is patched
     * to nothing, both would share one offset, which a StackMapTable cannot express. The later frame is
     * kept. It is correct for the earlier one's jumps too: the code between fell through from the earlier
     * point to the later, so the verifier had already accepted the earlier frame against the later one.
     */
    @Override
    public void visitFrame(int type, int numLocal, Object[] local, int numStack, Object[] stack) {
        owedFrame = null; // the class's own frame describes this point
        classFrame = Frame.copyOf(type, numLocal, local, numStack, stack);
    }

    /** Writes the frame due at this point, if any: the class's own, or the one owed after a goto. */
    @Override
    protected void beforeInstruction() {
        Frame frame = classFrame != null ? classFrame : owedFrame;
        classFrame = null;
        owedFrame = null;
        if (frame != null) {
            super.visitFrame(frame.type(), frame.numLocal(), frame.local(), frame.numStack(), frame.stack());
        }
    }

    @Override
    public void visitSite(Site site) {
        boolean accepted = check == null
                || check.found(method, site);
        FieldPatch patch = accepted ? patches.get(site.field()) : null;
        if (patch != null && patch.isInline() && site.locals() == null) {
            patch = null; // no frame to give the code after a goto: unreachable code, or frames not analysed
        }
        if (patch == null) {
            writeBack(site);
            return;
        }
        patched++;
        replay(site.beforeCall());
        replay(site.afterCall());
        if (!patch.isInline()) {
            super.visitMethodInsn(Opcodes.INVOKESTATIC, patch.holder(), METHOD_IS_ENABLED, DESC_IS_ENABLED, false);
            if (site.isBranch()) {
                super.visitJumpInsn(site.jump(), site.target());
            }
        } else if (!site.isBranch()) {
            super.visitInsn(patch.state() ? Opcodes.ICONST_1 : Opcodes.ICONST_0);
        } else if (JumpType.of(patch.state(), site.jump() == Opcodes.IFEQ) == JumpType.JMP) {
            super.visitJumpInsn(Opcodes.GOTO, site.target());
            // The next instruction starts a basic block reached only by jumps, if at all.
            owedFrame = emitFrames ? new Frame(Opcodes.F_NEW, site.locals().length, site.locals(),
                    site.stack().length, site.stack()) : null;
        }
        // A site that becomes nothing writes no frame either: a frame still owed to the code after an
        // earlier goto goes before the next instruction, or gives way to the class's own frame there
        // (two frames at one offset make the StackMapTable invalid: A || B with both keys enabled).
    }

    /** The site as it was, with its labels and line numbers where they were. */
    private void writeBack(Site site) {
        super.visitFieldInsn(Opcodes.GETSTATIC, site.field().owner(), site.field().name(), DESC_STATIC_KEY);
        replay(site.beforeCall());
        super.visitMethodInsn(Opcodes.INVOKEVIRTUAL, TYPE_STATIC_KEY, METHOD_IS_ENABLED, DESC_IS_ENABLED, false);
        replay(site.afterCall());
        if (site.isBranch()) {
            super.visitJumpInsn(site.jump(), site.target());
        }
    }

    /** Emits held labels and line numbers in their order. */
    private void replay(List<Site.Held> held) {
        for (Site.Held item : held) {
            if (item instanceof Site.Line line) {
                super.visitLineNumber(line.line(), line.start());
            } else {
                super.visitLabel(((Site.Mark) item).label());
            }
        }
    }
}
