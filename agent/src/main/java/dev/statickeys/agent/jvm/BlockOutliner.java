package dev.statickeys.agent.jvm;

import dev.statickeys.siterule.InstructionHook;
import dev.statickeys.siterule.Site;
import dev.statickeys.siterule.SiteRecognizer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.FrameNode;
import org.objectweb.asm.tree.IincInsnNode;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LineNumberNode;
import org.objectweb.asm.tree.LookupSwitchInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TableSwitchInsnNode;
import org.objectweb.asm.tree.TryCatchBlockNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * Moves large blocks guarded by a site out of their method, the JVM's counterpart of the kernel's
 * {@code static_branch_unlikely} putting the unlikely block out of line. HotSpot decides inlining by a
 * method's bytecode size (C1 and cold calls: 35 bytes, {@code MaxInlineSize}; C2's hot calls: 325,
 * {@code FreqInlineSize}), so a disabled block that never runs still keeps its method from being inlined.
 * Here such a block becomes a {@code private static synthetic} method of the same class, taking the locals
 * it reads, and a call takes its place. The site itself stays where it was, and is patched as before.
 *
 * <p>The block of a branch site ({@code ifeq L} or {@code ifne L}, as {@link SiteRecognizer} finds it) is the
 * code from the jump to {@code L}, the code the jump skips. If its last instruction is a {@code goto X} past
 * it (the then-part of an if/else), that goto stays and {@code X} is where the block leaves; otherwise it
 * leaves by falling through to {@code L}. A block is moved only if all of these hold:
 * <ol>
 * <li>the class file is version 51 or later (every jump target has a stack map frame, which the move
 *     relies on) and the class is not an interface; the method is not a static initializer (it runs once:
 *     inlining it is never in question);
 * <li>the jump is forward, the site is reachable (the recognizer gave it a frame), the operand stack is
 *     empty at the jump and where the block leaves;
 * <li>the block is at least {@value #MIN_BLOCK_BYTES} bytes (estimated as javac encodes; {@link CodeSize}):
 *     more than {@code MaxInlineSize}, so the block alone stops C1 from inlining a method. A smaller one
 *     would come back inlined wherever it runs hot, and costs a method and a call where it does not;
 * <li>single entry: no jump, switch or exception handler outside the block targets a label inside it;
 * <li>single exit: every jump inside the block targets a label inside it or where the block leaves; and it
 *     either leaves normally or only through {@code return} instructions (then the call site returns what
 *     the new method returns), never both; {@code athrow} may appear anywhere;
 * <li>every exception range either lies inside the block with its handler, or lies outside it with its
 *     handler (then it covers the whole block, or none of it, and the call covers as the block did);
 * <li>no local variable holds an uninitialized object where the block starts (a constructor before
 *     {@code super()}), and none of the block's internal frames names one created outside it;
 * <li>of the locals the block writes, at most one is still typed where the block leaves (its stack map
 *     frame there): the new method returns its value and the call site stores it. Locals the frame there
 *     leaves untyped cannot be read again before they are written, so their values may stay behind;
 * <li>no {@code monitorenter}/{@code monitorexit} (javac writes a {@code monitorexit} before a return out
 *     of a {@code synchronized} statement: moved, it would run in the wrong frame), no {@code jsr}/
 *     {@code ret}, no {@code invokespecial} other than a constructor or a method of this class (a
 *     {@code super.m()} call), no write to a final field of this class (the JVM allows those in
 *     initializers only);
 * <li>at most 255 parameter slots, and the method has no local variable type annotations (their ranges
 *     would have to be split).
 * </ol>
 * Blocks inside a moved block move with it (only the outermost is outlined). Sites inside a moved block
 * move with it and are still sites; the table check counts them in the method they came from
 * ({@link Outlined#origin}), at their own lines, so moving changes nothing in what a site table records.
 *
 * <p>The decision and the new code depend on the class's original bytes alone, never on key states or
 * site forms, so every transformation of a class (each retransformation after a flip, the plain and
 * hook-only outputs) produces the same new methods: retransformation may not add or remove methods.
 */
final class BlockOutliner {
    /** The smallest block moved, in bytes of bytecode: one more than HotSpot's {@code MaxInlineSize} (35). */
    static final int MIN_BLOCK_BYTES = 36;
    /** A site's own bytes: {@code getstatic}, {@code invokevirtual}, {@code ifeq}. */
    private static final int SITE_BYTES = 9;
    /** The smallest method that can hold a site and a block to move, in {@link CodeSize}'s bytes. */
    static final int MIN_METHOD_BYTES = MIN_BLOCK_BYTES + SITE_BYTES;
    /** The JVM's limit on a method's parameter slots (static method). */
    private static final int MAX_PARAMETER_SLOTS = 255;

    /** A new method, and the method (name + descriptor) whose block it holds. */
    record Outlined(MethodNode method, String origin) {}

    /** The names of one class's new methods: never one the class has, the same on every run. */
    static final class Names {
        private final Set<String> taken;
        private int next;

        /** @param taken the names of the class's methods */
        Names(Set<String> taken) {
            this.taken = new HashSet<>(taken);
        }

        String next(String method) {
            String base = "statickeys$" + method.replace("<", "").replace(">", "") + "$";
            String name;
            do {
                name = base + next++;
            } while (!taken.add(name));
            return name;
        }
    }

    private final String owner;
    private final int version;
    private final Set<String> finalFields;

    /**
     * @param owner the class (internal name)
     * @param version the class file's major version
     * @param finalFields names of the class's final fields
     */
    private BlockOutliner(String owner, int version, Set<String> finalFields) {
        this.owner = owner;
        this.version = version;
        this.finalFields = finalFields;
    }

    /** Whether any block of a class of this version and access may be moved. */
    static boolean appliesTo(int version, int access) {
        return version >= Opcodes.V1_7 && (access & (Opcodes.ACC_INTERFACE | Opcodes.ACC_MODULE)) == 0;
    }

    /**
     * Moves every block of {@code method} that qualifies into a new method, changing {@code method} in place.
     *
     * @param owner the class (internal name); {@link #appliesTo} must hold for it
     * @param finalFields names of the class's final fields
     * @return the new methods, in order; empty when nothing qualified
     */
    static List<Outlined> outline(String owner, int version, Set<String> finalFields, MethodNode method, Names names) {
        if (method.name.equals("<clinit>") || method.instructions.size() == 0
                || has(method.visibleLocalVariableAnnotations) || has(method.invisibleLocalVariableAnnotations)) {
            return List.of();
        }
        if (sizeOf(method.instructions) < MIN_METHOD_BYTES) {
            return List.of(); // no block can be large enough: spare the frame analysis (most methods with sites)
        }
        BlockOutliner outliner = new BlockOutliner(owner, version, finalFields);
        List<Outlined> outlined = new ArrayList<>();
        Set<AbstractInsnNode> moved = Collections.newSetFromMap(new IdentityHashMap<>());
        for (BranchSite site : outliner.branchSites(method)) {
            if (moved.contains(site.jump)) {
                continue; // inside a block already moved: it went with it
            }
            Block block = outliner.block(method, site);
            if (block != null) {
                moved.addAll(block.body);
                String origin = method.name + method.desc;
                outlined.add(new Outlined(BlockMove.apply(owner, method, block, names.next(method.name)), origin));
            }
        }
        return outlined;
    }

    private static boolean has(List<?> list) {
        return list != null && !list.isEmpty();
    }

    /** A branch site: its jump and its frame (locals and stack where the site starts, the jump's too). */
    private record BranchSite(JumpInsnNode jump, Object[] locals, Object[] stack) {}

    /**
     * A block that qualifies, as {@link BlockMove} moves it.
     *
     * @param body its nodes, in order (the trailing goto, if any, is not one of them)
     * @param exit where it leaves normally, if it does: the jump's target or the trailing goto's
     * @param leaves whether it leaves normally (falling through or jumping to {@code exit})
     * @param fallsThrough whether {@code exit} is the jump's target (no trailing goto)
     * @param returns whether it leaves through return instructions (then not normally)
     * @param parameters slots passed to the new method, in order, and their types
     * @param nulls slots the block reads that hold {@code null} where it starts: set in the new method
     * @param result the slot whose value the new method returns, or -1
     * @param resultType its type where the block leaves
     * @param exitFrame the locals where the block leaves, one type per slot (empty if it does not)
     * @param widths the slots the block uses and their widths (2 for long and double)
     * @param entryLine the source line where the block starts, -1 if unknown
     */
    record Block(List<AbstractInsnNode> body, LabelNode exit, boolean leaves, boolean fallsThrough, boolean returns,
            int[] parameters, Object[] parameterTypes, int[] nulls, int result, Object resultType,
            Object[] exitFrame, Map<Integer, Integer> widths, int entryLine) {}

    /** The method's branch sites, in order, with the frame the recognizer gives each. */
    private List<BranchSite> branchSites(MethodNode method) {
        BranchSites sites = new BranchSites(method);
        method.accept(sites);
        return sites.found;
    }

    /**
     * Feeds a method to the {@link SiteRecognizer} (behind its frame analysis) and counts the instructions
     * on the way: the recognizer reports a branch site while its jump is visited, so the count names the
     * jump's node.
     */
    private final class BranchSites extends InstructionHook implements SiteRecognizer.Listener {
        private final List<AbstractInsnNode> instructions = new ArrayList<>();
        final List<BranchSite> found = new ArrayList<>();
        private int index = -1;

        BranchSites(MethodNode method) {
            super(null);
            for (AbstractInsnNode node = method.instructions.getFirst(); node != null; node = node.getNext()) {
                if (node.getOpcode() >= 0) {
                    instructions.add(node);
                }
            }
            mv = new SiteRecognizer(new MethodVisitor(Opcodes.ASM9) {}, this, version,
                    new SiteRecognizer.AnalyzedMethod(owner, method.access, method.name, method.desc)).entry();
        }

        @Override
        protected void beforeInstruction() {
            index++;
        }

        @Override
        public void visitSite(Site site) {
            AbstractInsnNode node = instructions.get(index);
            if (site.isBranch() && site.locals() != null && node instanceof JumpInsnNode jump
                    && jump.getOpcode() == site.jump() && jump.label.getLabel() == site.target()) {
                found.add(new BranchSite(jump, site.locals(), site.stack()));
            }
        }
    }

    /** The site's block if it qualifies (see the class comment), else null. */
    private Block block(MethodNode method, BranchSite site) {
        if (site.stack.length != 0) {
            return null;
        }
        Object[] entry = FrameSlots.slots(site.locals);
        for (Object type : entry) {
            if (FrameSlots.isUninitialized(type)) {
                return null;
            }
        }
        List<AbstractInsnNode> nodes = new ArrayList<>();
        for (AbstractInsnNode node = site.jump.getNext(); node != site.jump.label; node = node.getNext()) {
            if (node == null) {
                return null; // a backward jump: a loop condition, not a guarded block
            }
            nodes.add(node);
        }
        AbstractInsnNode last = lastInstruction(nodes);
        if (last == null) {
            return null;
        }
        LabelNode exit = site.jump.label;
        boolean fallsThrough = true;
        if (last.getOpcode() == Opcodes.GOTO && !nodes.contains(((JumpInsnNode) last).label)) {
            exit = ((JumpInsnNode) last).label;
            fallsThrough = false;
            nodes = nodes.subList(0, nodes.indexOf(last));
            last = lastInstruction(nodes);
            if (last == null) {
                return null;
            }
        }
        List<AbstractInsnNode> body = nodes;
        if (sizeOf(body) < MIN_BLOCK_BYTES) {
            return null;
        }
        Set<LabelNode> labels = labelsOf(body);
        Set<AbstractInsnNode> inside = Collections.newSetFromMap(new IdentityHashMap<>());
        inside.addAll(body);
        if (!singleEntry(method, inside, labels) || !rangesKept(method, labels, fallsThrough ? exit : null)) {
            return null;
        }
        boolean returns = false;
        boolean leaves = !fallsThrough || canFallThrough(last);
        for (AbstractInsnNode node : body) {
            if (!allowed(node)) {
                return null;
            }
            for (LabelNode target : targets(node)) {
                if (target == exit) {
                    leaves = true;
                } else if (!labels.contains(target)) {
                    return null; // a jump out of the block other than where it leaves
                }
            }
            int opcode = node.getOpcode();
            returns |= opcode >= Opcodes.IRETURN && opcode <= Opcodes.RETURN;
        }
        if (returns && leaves) {
            return null;
        }
        return locals(body, entry, exit, leaves, fallsThrough, returns, site.jump);
    }

    /** How a block uses local variables: slots read, slots written, and each slot's width. */
    private record Usage(Set<Integer> read, Set<Integer> written, Map<Integer, Integer> widths) {
        static Usage of(List<AbstractInsnNode> body) {
            Usage usage = new Usage(new TreeSet<>(), new TreeSet<>(), new TreeMap<>());
            for (AbstractInsnNode node : body) {
                if (node instanceof VarInsnNode var) {
                    int opcode = var.getOpcode();
                    (opcode >= Opcodes.ILOAD && opcode <= Opcodes.ALOAD ? usage.read : usage.written).add(var.var);
                    widen(usage.widths, var.var, opcode == Opcodes.LLOAD || opcode == Opcodes.DLOAD
                            || opcode == Opcodes.LSTORE || opcode == Opcodes.DSTORE ? 2 : 1);
                } else if (node instanceof IincInsnNode iinc) {
                    usage.read.add(iinc.var);
                    usage.written.add(iinc.var);
                    widen(usage.widths, iinc.var, 1);
                }
            }
            return usage;
        }

        /** Frames may type a slot wider than the block's loads and stores do (a long it never touches). */
        void widenBy(Object[] frame) {
            for (Map.Entry<Integer, Integer> slot : widths.entrySet()) {
                if (FrameSlots.isWide(FrameSlots.at(frame, slot.getKey()))) {
                    slot.setValue(2);
                }
            }
        }
    }

    /** The locals part of the conditions (7, 8, 10): parameters, the one result; null if they fail. */
    private Block locals(List<AbstractInsnNode> body, Object[] entry, LabelNode exit, boolean leaves,
            boolean fallsThrough, boolean returns, JumpInsnNode jump) {
        Usage usage = Usage.of(body);
        Set<LabelNode> labels = labelsOf(body);
        for (AbstractInsnNode node : body) {
            if (node instanceof FrameNode frame) {
                for (Object type : frame.local == null ? List.of() : frame.local) {
                    if (type instanceof LabelNode created && !labels.contains(created)) {
                        return null; // an object created before the block, initialized after it
                    }
                }
                usage.widenBy(FrameSlots.slots(frame.local));
            }
        }
        Object[] exitFrame = new Object[0];
        if (leaves) {
            FrameNode frame = frameAt(exit);
            if (frame == null || (frame.stack != null && !frame.stack.isEmpty())) {
                return null;
            }
            exitFrame = FrameSlots.slots(frame.local);
            usage.widenBy(exitFrame);
        }
        int result = result(usage, exitFrame);
        if (result == NO_SINGLE_RESULT) {
            return null;
        }
        Object resultType = result >= 0 ? exitFrame[result] : null;
        Set<Integer> needed = new TreeSet<>(usage.read);
        if (result >= 0) {
            needed.add(result); // written on some paths only: the value it came with is what leaves on others
        }
        List<Integer> parameters = new ArrayList<>();
        List<Object> parameterTypes = new ArrayList<>();
        List<Integer> nulls = new ArrayList<>();
        int parameterSlots = 0;
        for (int slot : needed) {
            Object type = FrameSlots.at(entry, slot);
            if (type == Opcodes.TOP) {
                continue; // written in the block before it is read
            }
            if (type == Opcodes.NULL) {
                nulls.add(slot);
                continue;
            }
            int width = FrameSlots.isWide(type) ? 2 : 1;
            if (usage.widths.get(slot) != width) {
                return null; // the block uses the slot at another width: not the same variable
            }
            parameters.add(slot);
            parameterTypes.add(type);
            parameterSlots += width;
        }
        if (parameterSlots > MAX_PARAMETER_SLOTS) {
            return null;
        }
        return new Block(body, exit, leaves, fallsThrough, returns, toArray(parameters), parameterTypes.toArray(),
                toArray(nulls), result, resultType, exitFrame, usage.widths, lineBefore(jump));
    }

    /** {@link #result} when more than one local, or one of no nameable type, is in use after the block. */
    private static final int NO_SINGLE_RESULT = -2;

    /**
     * The slot the block writes that the frame where it leaves still types (-1 if none): its value must
     * come back. {@link #NO_SINGLE_RESULT} if there are more, or its type cannot be named.
     */
    private static int result(Usage usage, Object[] exitFrame) {
        int result = -1;
        for (int slot : usage.written) {
            Object type = FrameSlots.at(exitFrame, slot);
            if (type == Opcodes.TOP) {
                continue;
            }
            if (result >= 0 || FrameSlots.descriptor(type) == null) {
                return NO_SINGLE_RESULT;
            }
            result = slot;
        }
        return result;
    }

    private static void widen(Map<Integer, Integer> widths, int slot, int width) {
        Integer known = widths.get(slot);
        widths.put(slot, known == null ? width : Math.max(known, width));
    }

    private static int[] toArray(List<Integer> values) {
        int[] array = new int[values.size()];
        for (int i = 0; i < array.length; i++) {
            array[i] = values.get(i);
        }
        return array;
    }

    /** Whether an instruction may move to another method (condition 9). */
    private boolean allowed(AbstractInsnNode node) {
        switch (node.getOpcode()) {
            case Opcodes.MONITORENTER, Opcodes.MONITOREXIT, Opcodes.JSR, Opcodes.RET:
                return false;
            case Opcodes.INVOKESPECIAL:
                MethodInsnNode call = (MethodInsnNode) node;
                return call.name.equals("<init>") || call.owner.equals(owner);
            case Opcodes.PUTFIELD, Opcodes.PUTSTATIC:
                FieldInsnNode field = (FieldInsnNode) node;
                return !(field.owner.equals(owner) && finalFields.contains(field.name));
            default:
                return true;
        }
    }

    /** No jump, switch or handler outside the block targets a label inside it. */
    private static boolean singleEntry(MethodNode method, Set<AbstractInsnNode> inside, Set<LabelNode> labels) {
        for (AbstractInsnNode node = method.instructions.getFirst(); node != null; node = node.getNext()) {
            if (!inside.contains(node)) {
                for (LabelNode target : targets(node)) {
                    if (labels.contains(target)) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    /**
     * Every exception range lies inside the block with its handler, or outside it with its handler. A range
     * may end where the block falls through ({@code end}).
     */
    private static boolean rangesKept(MethodNode method, Set<LabelNode> labels, LabelNode end) {
        for (TryCatchBlockNode range : method.tryCatchBlocks) {
            boolean start = labels.contains(range.start);
            boolean stop = labels.contains(range.end) || (start && range.end == end);
            boolean handler = labels.contains(range.handler);
            if (!(start == stop && stop == handler)) {
                return false;
            }
        }
        return true;
    }

    /** The labels an instruction may jump to. */
    static List<LabelNode> targets(AbstractInsnNode node) {
        if (node instanceof JumpInsnNode jump) {
            return List.of(jump.label);
        } else if (node instanceof TableSwitchInsnNode table) {
            List<LabelNode> targets = new ArrayList<>(table.labels);
            targets.add(table.dflt);
            return targets;
        } else if (node instanceof LookupSwitchInsnNode lookup) {
            List<LabelNode> targets = new ArrayList<>(lookup.labels);
            targets.add(lookup.dflt);
            return targets;
        }
        return List.of();
    }

    private static Set<LabelNode> labelsOf(List<AbstractInsnNode> nodes) {
        Set<LabelNode> labels = new HashSet<>();
        for (AbstractInsnNode node : nodes) {
            if (node instanceof LabelNode label) {
                labels.add(label);
            }
        }
        return labels;
    }

    private static AbstractInsnNode lastInstruction(List<AbstractInsnNode> nodes) {
        for (int i = nodes.size() - 1; i >= 0; i--) {
            if (nodes.get(i).getOpcode() >= 0) {
                return nodes.get(i);
            }
        }
        return null;
    }

    private static boolean canFallThrough(AbstractInsnNode last) {
        int opcode = last.getOpcode();
        return opcode != Opcodes.GOTO && opcode != Opcodes.ATHROW && opcode != Opcodes.TABLESWITCH
                && opcode != Opcodes.LOOKUPSWITCH && !(opcode >= Opcodes.IRETURN && opcode <= Opcodes.RETURN);
    }

    /** The stack map frame at a label: it follows the label and its line numbers. */
    private static FrameNode frameAt(LabelNode label) {
        for (AbstractInsnNode node = label.getNext(); node != null && node.getOpcode() < 0; node = node.getNext()) {
            if (node instanceof FrameNode frame) {
                return frame;
            }
        }
        return null;
    }

    /** The last source line before {@code node}, -1 if none. */
    private static int lineBefore(AbstractInsnNode node) {
        for (AbstractInsnNode previous = node; previous != null; previous = previous.getPrevious()) {
            if (previous instanceof LineNumberNode line) {
                return line.line;
            }
        }
        return -1;
    }

    /** The size of the nodes' instructions in bytes, as {@link CodeSize} counts them. */
    static int sizeOf(Iterable<AbstractInsnNode> nodes) {
        CodeSize size = new CodeSize(null);
        for (AbstractInsnNode node : nodes) {
            node.accept(size);
        }
        return size.bytes();
    }
}
