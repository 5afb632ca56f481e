package dev.statickeys.siterule;

import static dev.statickeys.siterule.SiteNames.DESC_IS_ENABLED;
import static dev.statickeys.siterule.SiteNames.DESC_STATIC_KEY;
import static dev.statickeys.siterule.SiteNames.METHOD_IS_ENABLED;
import static dev.statickeys.siterule.SiteNames.TYPE_STATIC_KEY;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.commons.AnalyzerAdapter;

/**
 * Finds the sites of one method and hands each to a {@link Listener} in place of its instructions;
 * everything else passes on unchanged, in order. A site is the three instructions
 * <pre>
 *   getstatic Owner.FIELD : StaticKey      (a key field)
 *   invokevirtual StaticKey.isEnabled()Z
 *   ifeq L | ifne L                        (branch site)   -- or anything else (value site)
 * </pre>
 * with no jump target and no exception range boundary between the first two; one before the third makes
 * it a value site. From class file version 51 on, every jump target carries a stack map frame, so a
 * label without a frame (a line number, a local variable range) does not split a site: it is held in
 * the {@link Site} and the listener emits it. In older class files any label splits a site. A key load
 * not followed by the call passes on unchanged.
 *
 * <p>This is the one site rule of the project: the agent's {@code ClassScan} counts sites with it, its
 * {@code ClassPatcher} rewrites what it finds, its {@code TableCheck} (at load time, and for the
 * {@code sites --verify} tool through {@code TableVerifier}) holds a class's site table to what it finds,
 * and the annotation processor writes the site table from what it finds. This visitor only recognises;
 * what a site becomes is the listener's (the agent's {@code SiteRewriter}, a {@code TableCheck} when only
 * checking, the scan's count, or a table record). With frames requested, an {@link AnalyzerAdapter} in front of
 * this visitor ({@link #entry}) sees the original instructions and gives each site the frame at its start.
 */
public final class SiteRecognizer extends InstructionHook {
    /** Told about each site, in order, where its instructions were. */
    public interface Listener {
        void visitSite(Site site);
    }

    private final Listener listener;
    private final boolean framesAtJumpTargets;
    /** The analyzer in front of this visitor, or null; its state is the frame before the instruction visited. */
    private final AnalyzerAdapter frames;
    private final Set<Label> exceptionRangeLabels = new HashSet<>();
    private int line = -1;

    // The pending site: its key field, whether the call was seen, what is held, its frame.
    private KeyField field;
    private boolean call;
    private final List<Site.Held> heldBeforeCall = new ArrayList<>();
    private final List<Site.Held> heldAfterCall = new ArrayList<>();
    private Object[] locals;
    private Object[] stack;

    /**
     * @param next where instructions that are not sites go (the listener's visitor, usually)
     * @param version the class file's major version
     * @param analyzed the method to analyse for frames ({@code owner, access, name, descriptor}), or null
     *     when sites need no frames
     */
    public SiteRecognizer(MethodVisitor next, Listener listener, int version, AnalyzedMethod analyzed) {
        super(next);
        this.listener = listener;
        this.framesAtJumpTargets = version >= Opcodes.V1_7;
        this.frames = analyzed == null ? null : new AnalyzerAdapter(analyzed.owner(), analyzed.access(),
                analyzed.name(), analyzed.descriptor(), this);
    }

    /** The method {@link AnalyzerAdapter} needs to know to compute the frames of. */
    public record AnalyzedMethod(String owner, int access, String name, String descriptor) {}

    /** The visitor to feed the method to: the analyzer in front of this one, or this one. */
    public MethodVisitor entry() {
        return frames != null ? frames : this;
    }

    /** Anything that is not part of a pending site ends it first. */
    @Override
    protected void beforeInstruction() {
        flush();
    }

    @Override
    public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
        if (opcode == Opcodes.GETSTATIC && DESC_STATIC_KEY.equals(descriptor)) {
            flush();
            field = new KeyField(owner, name);
            if (frames != null && frames.locals != null) {
                locals = frameTypes(frames.locals, true);
                stack = frameTypes(frames.stack, false);
            }
            return;
        }
        super.visitFieldInsn(opcode, owner, name, descriptor);
    }

    @Override
    public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
        if (field != null && !call && opcode == Opcodes.INVOKEVIRTUAL && TYPE_STATIC_KEY.equals(owner)
                && METHOD_IS_ENABLED.equals(name) && DESC_IS_ENABLED.equals(descriptor)) {
            call = true;
            return;
        }
        super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
    }

    @Override
    public void visitJumpInsn(int opcode, Label label) {
        if (call && (opcode == Opcodes.IFEQ || opcode == Opcodes.IFNE)) {
            site(opcode, label);
            return;
        }
        super.visitJumpInsn(opcode, label);
    }

    @Override
    public void visitLineNumber(int line, Label start) {
        if (field != null) {
            held().add(new Site.Line(line, start)); // its label is held: the site goes on
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
    public void visitLabel(Label label) {
        if (field != null && framesAtJumpTargets && !exceptionRangeLabels.contains(label)) {
            held().add(new Site.Mark(label)); // not a jump target: it has no frame (a frame would flush)
            return;
        }
        flush(); // a label inside the pattern may be a jump target: leave that code alone
        super.visitLabel(label);
    }

    @Override
    public void visitFrame(int type, int numLocal, Object[] local, int numStack, Object[] stack) {
        flush();
        super.visitFrame(type, numLocal, local, numStack, stack);
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

    /** Ends the pending site, if any: a value site, or a lone key load passed on unchanged. */
    private void flush() {
        if (field == null) {
            return;
        }
        if (call) {
            site(0, null);
            return;
        }
        KeyField lone = field;
        List<Site.Held> held = List.copyOf(heldBeforeCall);
        clear();
        super.visitFieldInsn(Opcodes.GETSTATIC, lone.owner(), lone.name(), DESC_STATIC_KEY);
        for (Site.Held item : held) {
            if (item instanceof Site.Line l) {
                line = l.line();
                super.visitLineNumber(l.line(), l.start());
            } else {
                super.visitLabel(((Site.Mark) item).label());
            }
        }
    }

    private void site(int jump, Label target) {
        Site site = new Site(field, jump, target, line, List.copyOf(heldBeforeCall), List.copyOf(heldAfterCall),
                locals, stack);
        clear();
        listener.visitSite(site);
        // The listener emits the held line numbers: the code after the site is on the last of them.
        for (List<Site.Held> held : List.of(site.beforeCall(), site.afterCall())) {
            for (Site.Held item : held) {
                if (item instanceof Site.Line l) {
                    line = l.line();
                }
            }
        }
    }

    private List<Site.Held> held() {
        return call ? heldAfterCall : heldBeforeCall;
    }

    private void clear() {
        heldBeforeCall.clear();
        heldAfterCall.clear();
        field = null;
        call = false;
        locals = null;
        stack = null;
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
