package dev.statickeys.agent.jvm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.objectweb.asm.Label;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.LabelNode;

/**
 * Verification types of local variables, one per slot ({@code long} and {@code double} followed by a
 * {@link Opcodes#TOP} for their second slot), converted from and to the form {@code visitFrame} and
 * {@link org.objectweb.asm.tree.FrameNode} use (one element per value). Types are as ASM gives them:
 * {@code Opcodes.INTEGER} and the other primitive constants, {@code Opcodes.NULL},
 * {@code Opcodes.UNINITIALIZED_THIS}, an internal name or array descriptor, or the label of the {@code new}
 * of an uninitialized object.
 */
final class FrameSlots {
    private FrameSlots() {}

    /** One type per slot, from a frame's locals in {@code visitFrame} form; null gives none. */
    static Object[] slots(List<Object> locals) {
        List<Object> slots = new ArrayList<>();
        if (locals != null) {
            for (Object type : locals) {
                slots.add(type);
                if (isWide(type)) {
                    slots.add(Opcodes.TOP);
                }
            }
        }
        return slots.toArray();
    }

    /** {@link #slots(List)} of an array. */
    static Object[] slots(Object[] locals) {
        return slots(locals == null ? null : Arrays.asList(locals));
    }

    /** The frame form of {@code slots}: one element per value, trailing unused slots dropped. */
    static List<Object> locals(Object[] slots) {
        List<Object> locals = new ArrayList<>();
        int end = slots.length;
        while (end > 0 && slots[end - 1] == Opcodes.TOP) {
            end--;
        }
        for (int i = 0; i < end; i++) {
            locals.add(slots[i]);
            if (isWide(slots[i])) {
                i++;
            }
        }
        return locals;
    }

    /** The type in {@code slot}, TOP beyond the end. */
    static Object at(Object[] slots, int slot) {
        return slot < slots.length ? slots[slot] : Opcodes.TOP;
    }

    static boolean isWide(Object type) {
        return type == Opcodes.LONG || type == Opcodes.DOUBLE;
    }

    /** Whether the type is an object whose constructor has not run yet. */
    static boolean isUninitialized(Object type) {
        return type == Opcodes.UNINITIALIZED_THIS || type instanceof Label || type instanceof LabelNode;
    }

    /**
     * The descriptor a value of this type can be passed as, or null when none names it: TOP,
     * {@code null} (its declared type is unknown) and uninitialized objects.
     */
    static String descriptor(Object type) {
        if (type == Opcodes.INTEGER) {
            return "I";
        } else if (type == Opcodes.FLOAT) {
            return "F";
        } else if (type == Opcodes.LONG) {
            return "J";
        } else if (type == Opcodes.DOUBLE) {
            return "D";
        } else if (type instanceof String name) {
            return name.startsWith("[") ? name : "L" + name + ";";
        }
        return null;
    }
}
