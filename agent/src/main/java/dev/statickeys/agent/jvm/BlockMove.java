package dev.statickeys.agent.jvm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.FrameNode;
import org.objectweb.asm.tree.IincInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LineNumberNode;
import org.objectweb.asm.tree.LocalVariableNode;
import org.objectweb.asm.tree.LookupSwitchInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TableSwitchInsnNode;
import org.objectweb.asm.tree.TryCatchBlockNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * Moves one block that {@link BlockOutliner} found qualifying into a new method, and leaves the call in its
 * place. The new method's locals are the block's, renumbered: parameters first, in slot order, then the
 * slots the block only writes. Its instructions, labels, line numbers, exception ranges and local variable
 * entries are the block's own nodes (moved, not copied); its stack map frames are the block's with the
 * locals renumbered, plus the frame where the block leaves, before the return of the result. Nothing is
 * computed that the class file did not already state, and no class is loaded.
 */
final class BlockMove {
    private BlockMove() {}

    /**
     * Moves {@code block} out of {@code method} into a new method named {@code name}, and puts the call in
     * its place.
     *
     * @return the new method
     */
    static MethodNode apply(String owner, MethodNode method, BlockOutliner.Block block, String name) {
        Map<Integer, Integer> slots = renumber(block);
        String descriptor = descriptor(method, block);
        MethodNode outlined = new MethodNode(Opcodes.ASM9,
                Opcodes.ACC_PRIVATE | Opcodes.ACC_STATIC | Opcodes.ACC_SYNTHETIC | (method.access & Opcodes.ACC_STRICT),
                name, descriptor, null, null);
        AbstractInsnNode after = block.body().get(block.body().size() - 1).getNext();
        LabelNode end = new LabelNode();
        fill(outlined, method, block, slots, end);
        method.instructions.insertBefore(after, call(owner, method, block, name, descriptor));
        int argumentSlots = Type.getArgumentsAndReturnSizes(descriptor) >> 2;
        method.maxStack = Math.max(method.maxStack, Math.max(argumentSlots, 2));
        outlined.maxStack = Math.max(method.maxStack, 2);
        int locals = 0;
        for (Map.Entry<Integer, Integer> slot : slots.entrySet()) {
            locals = Math.max(locals, slot.getValue() + block.widths().get(slot.getKey()));
        }
        outlined.maxLocals = locals;
        return outlined;
    }

    /** Old slot to new: parameters first, in order, then {@code null} slots, then the rest in slot order. */
    private static Map<Integer, Integer> renumber(BlockOutliner.Block block) {
        Map<Integer, Integer> slots = new TreeMap<>();
        int next = 0;
        for (int i = 0; i < block.parameters().length; i++) {
            slots.put(block.parameters()[i], next);
            next += FrameSlots.isWide(block.parameterTypes()[i]) ? 2 : 1;
        }
        for (int slot : block.nulls()) {
            slots.put(slot, next++);
        }
        for (Map.Entry<Integer, Integer> used : block.widths().entrySet()) {
            if (!slots.containsKey(used.getKey())) {
                slots.put(used.getKey(), next);
                next += used.getValue();
            }
        }
        return slots;
    }

    private static String descriptor(MethodNode method, BlockOutliner.Block block) {
        StringBuilder descriptor = new StringBuilder("(");
        for (Object type : block.parameterTypes()) {
            descriptor.append(FrameSlots.descriptor(type));
        }
        descriptor.append(')');
        if (block.returns()) {
            descriptor.append(Type.getReturnType(method.desc).getDescriptor());
        } else if (block.result() >= 0) {
            descriptor.append(FrameSlots.descriptor(block.resultType()));
        } else {
            descriptor.append('V');
        }
        return descriptor.toString();
    }

    /** The new method's code: the block, renumbered, and the return where it leaves. */
    private static void fill(MethodNode outlined, MethodNode method, BlockOutliner.Block block,
            Map<Integer, Integer> slots, LabelNode end) {
        InsnList code = outlined.instructions;
        if (!(firstNonLabel(block.body()) instanceof LineNumberNode) && block.entryLine() >= 0) {
            // The block's first statement is on the site's line (if (A.isEnabled() && B.isEnabled())): the
            // table check finds a site there by that line, and stack traces show it.
            LabelNode start = new LabelNode();
            code.add(start);
            code.add(new LineNumberNode(block.entryLine(), start));
        }
        for (int slot : block.nulls()) {
            code.add(new InsnNode(Opcodes.ACONST_NULL));
            code.add(new VarInsnNode(Opcodes.ASTORE, slots.get(slot)));
        }
        Set<AbstractInsnNode> body = Collections.newSetFromMap(new IdentityHashMap<>());
        body.addAll(block.body());
        boolean frameAtEnd = false;
        for (AbstractInsnNode node : block.body()) {
            method.instructions.remove(node);
            code.add(node);
            renumber(node, slots, block.exit(), end);
            frameAtEnd = node instanceof FrameNode || (frameAtEnd && node.getOpcode() < 0);
        }
        code.add(end);
        if (block.leaves()) {
            if (!frameAtEnd) {
                // Reached by a jump or by falling through, or by neither (then the verifier still wants a frame).
                code.add(frame(block.exitFrame(), slots));
            }
            if (block.result() >= 0) {
                Type type = Type.getType(FrameSlots.descriptor(block.resultType()));
                code.add(new VarInsnNode(type.getOpcode(Opcodes.ILOAD), slots.get(block.result())));
                code.add(new InsnNode(type.getOpcode(Opcodes.IRETURN)));
            } else {
                code.add(new InsnNode(Opcodes.RETURN));
            }
        }
        moveRanges(outlined, method, body, block, end);
        moveLocalVariables(outlined, method, body, block, slots, end);
    }

    private static AbstractInsnNode firstNonLabel(List<AbstractInsnNode> nodes) {
        for (AbstractInsnNode node : nodes) {
            if (!(node instanceof LabelNode)) {
                return node;
            }
        }
        return null;
    }

    /** Renumbers a moved node's locals, and points its jumps to where the block leaves at {@code end}. */
    private static void renumber(AbstractInsnNode node, Map<Integer, Integer> slots, LabelNode exit, LabelNode end) {
        if (node instanceof VarInsnNode var) {
            var.var = slots.get(var.var);
        } else if (node instanceof IincInsnNode iinc) {
            iinc.var = slots.get(iinc.var);
        } else if (node instanceof FrameNode frame) {
            FrameNode renumbered = frame(FrameSlots.slots(frame.local), slots);
            frame.local = renumbered.local;
        } else if (node instanceof JumpInsnNode jump) {
            jump.label = jump.label == exit ? end : jump.label;
        } else if (node instanceof TableSwitchInsnNode table) {
            table.dflt = table.dflt == exit ? end : table.dflt;
            retarget(table.labels, exit, end);
        } else if (node instanceof LookupSwitchInsnNode lookup) {
            lookup.dflt = lookup.dflt == exit ? end : lookup.dflt;
            retarget(lookup.labels, exit, end);
        }
    }

    private static void retarget(List<LabelNode> labels, LabelNode exit, LabelNode end) {
        for (int i = 0; i < labels.size(); i++) {
            if (labels.get(i) == exit) {
                labels.set(i, end);
            }
        }
    }

    /** A full frame of the given old slots, renumbered; slots the block does not use are left out. */
    private static FrameNode frame(Object[] oldSlots, Map<Integer, Integer> slots) {
        int size = 0;
        for (int newSlot : slots.values()) {
            size = Math.max(size, newSlot + 2);
        }
        Object[] newSlots = new Object[size];
        Arrays.fill(newSlots, Opcodes.TOP);
        for (Map.Entry<Integer, Integer> slot : slots.entrySet()) {
            Object type = FrameSlots.at(oldSlots, slot.getKey());
            newSlots[slot.getValue()] = type;
        }
        List<Object> locals = FrameSlots.locals(newSlots);
        return new FrameNode(Opcodes.F_NEW, locals.size(), locals.toArray(), 0, new Object[0]);
    }

    /** Exception ranges inside the block go with it, in their order (the order decides which handler wins). */
    private static void moveRanges(MethodNode outlined, MethodNode method, Set<AbstractInsnNode> body,
            BlockOutliner.Block block, LabelNode end) {
        for (Iterator<TryCatchBlockNode> ranges = method.tryCatchBlocks.iterator(); ranges.hasNext(); ) {
            TryCatchBlockNode range = ranges.next();
            if (body.contains(range.start)) {
                ranges.remove();
                if (range.end == block.exit() && block.fallsThrough()) {
                    range.end = end;
                }
                outlined.tryCatchBlocks.add(range);
            }
        }
    }

    /**
     * Local variable entries inside the block go with it, renumbered; entries with one end inside are
     * dropped (debug information only: a debugger shows the variable for less of its scope).
     */
    private static void moveLocalVariables(MethodNode outlined, MethodNode method, Set<AbstractInsnNode> body,
            BlockOutliner.Block block, Map<Integer, Integer> slots, LabelNode end) {
        if (method.localVariables == null) {
            return;
        }
        List<LocalVariableNode> moved = new ArrayList<>();
        for (Iterator<LocalVariableNode> variables = method.localVariables.iterator(); variables.hasNext(); ) {
            LocalVariableNode variable = variables.next();
            boolean start = body.contains(variable.start);
            boolean stop = body.contains(variable.end) || (start && variable.end == block.exit() && block.fallsThrough());
            if (!start && !stop) {
                continue;
            }
            variables.remove();
            Integer slot = slots.get(variable.index);
            if (start && stop && slot != null) {
                variable.index = slot;
                variable.end = body.contains(variable.end) ? variable.end : end;
                moved.add(variable);
            }
        }
        outlined.localVariables = moved;
    }

    /** What takes the block's place: load the parameters, call, then return or store the result. */
    private static InsnList call(String owner, MethodNode method, BlockOutliner.Block block, String name,
            String descriptor) {
        InsnList call = new InsnList();
        for (int i = 0; i < block.parameters().length; i++) {
            Type type = Type.getType(FrameSlots.descriptor(block.parameterTypes()[i]));
            call.add(new VarInsnNode(type.getOpcode(Opcodes.ILOAD), block.parameters()[i]));
        }
        call.add(new MethodInsnNode(Opcodes.INVOKESTATIC, owner, name, descriptor, false));
        if (block.returns()) {
            call.add(new InsnNode(Type.getReturnType(method.desc).getOpcode(Opcodes.IRETURN)));
        } else if (block.result() >= 0) {
            Type type = Type.getType(FrameSlots.descriptor(block.resultType()));
            call.add(new VarInsnNode(type.getOpcode(Opcodes.ISTORE), block.result()));
        }
        return call;
    }
}
