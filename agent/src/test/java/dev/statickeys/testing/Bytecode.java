package dev.statickeys.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;

/** Reads class files the way a reviewer reads {@code javap -c}: what is left at the sites. */
public final class Bytecode {
    private final ClassNode node = new ClassNode();

    public Bytecode(byte[] bytes) {
        new ClassReader(bytes).accept(node, 0);
    }

    public static Bytecode of(Path file) {
        try {
            return new Bytecode(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Calls of {@code StaticKey.isEnabled()} per method name. */
    public Map<String, Integer> isEnabledCallsByMethod() {
        Map<String, Integer> calls = new LinkedHashMap<>();
        for (MethodNode method : node.methods) {
            int count = 0;
            for (AbstractInsnNode insn : method.instructions) {
                if (insn instanceof MethodInsnNode && ((MethodInsnNode) insn).owner.equals("dev/statickeys/StaticKey")
                        && ((MethodInsnNode) insn).name.equals("isEnabled")) {
                    count++;
                }
            }
            calls.merge(method.name, count, Integer::sum);
        }
        return calls;
    }

    /** Calls of a key holder's {@code static isEnabled()} (a class named {@code Key$...}) per method name. */
    public Map<String, Integer> holderCallsByMethod() {
        Map<String, Integer> calls = new LinkedHashMap<>();
        for (MethodNode method : node.methods) {
            int count = 0;
            for (AbstractInsnNode insn : method.instructions) {
                if (insn instanceof MethodInsnNode && insn.getOpcode() == org.objectweb.asm.Opcodes.INVOKESTATIC
                        && ((MethodInsnNode) insn).owner.contains("/Key$")
                        && ((MethodInsnNode) insn).name.equals("isEnabled")) {
                    count++;
                }
            }
            calls.merge(method.name, count, Integer::sum);
        }
        return calls;
    }

    /** Reads of static fields (of any type) in the named method. */
    public int fieldReads(String methodName) {
        int count = 0;
        for (MethodNode method : node.methods) {
            if (method.name.equals(methodName)) {
                for (AbstractInsnNode insn : method.instructions) {
                    if (insn.getOpcode() == org.objectweb.asm.Opcodes.GETSTATIC) {
                        count++;
                    }
                }
            }
        }
        return count;
    }

    /** Loads of dynamically-computed constants ({@code ldc} of a {@code CONSTANT_Dynamic}) in the named method. */
    public int dynamicConstantLoads(String methodName) {
        int count = 0;
        for (MethodNode method : node.methods) {
            if (method.name.equals(methodName)) {
                for (AbstractInsnNode insn : method.instructions) {
                    if (insn instanceof org.objectweb.asm.tree.LdcInsnNode
                            && ((org.objectweb.asm.tree.LdcInsnNode) insn).cst instanceof org.objectweb.asm.ConstantDynamic) {
                        count++;
                    }
                }
            }
        }
        return count;
    }

    /** Reads of static fields of type {@code StaticKey} in the named method. */
    public int keyLoads(String methodName) {
        int count = 0;
        for (MethodNode method : node.methods) {
            if (!method.name.equals(methodName)) {
                continue;
            }
            for (AbstractInsnNode insn : method.instructions) {
                if (insn.getOpcode() == Opcodes.GETSTATIC
                        && ((FieldInsnNode) insn).desc.equals("Ldev/statickeys/StaticKey;")) {
                    count++;
                }
            }
        }
        return count;
    }

    /** Whether the static initializer starts with the agent's {@code Linkage.classInitialized(This.class)}. */
    public boolean startsWithInitHook() {
        for (MethodNode method : node.methods) {
            if (method.name.equals("<clinit>")) {
                AbstractInsnNode first = method.instructions.getFirst();
                while (first != null && first.getOpcode() < 0) {
                    first = first.getNext();
                }
                AbstractInsnNode second = first == null ? null : first.getNext();
                return first instanceof LdcInsnNode && second instanceof MethodInsnNode
                        && ((MethodInsnNode) second).owner.equals("dev/statickeys/internal/Linkage");
            }
        }
        return false;
    }
}
