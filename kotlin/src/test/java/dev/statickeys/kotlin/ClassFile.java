package dev.statickeys.kotlin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.util.Printer;

/** One class file read the way a reviewer reads {@code javap -c}: what is left at the sites, per method name. */
final class ClassFile {
    private static final String TYPE_STATIC_KEY = "dev/statickeys/StaticKey";
    private static final String DESC_STATIC_KEY = "L" + TYPE_STATIC_KEY + ";";

    private final ClassNode node = new ClassNode();

    private ClassFile(Path file) {
        try {
            new ClassReader(Files.readAllBytes(file)).accept(node, ClassReader.SKIP_FRAMES);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The class files the Kotlin compiler wrote ({@code kotlin.classes}, set by the build). */
    static List<ClassFile> compiled() {
        Path root = Path.of(System.getProperty("kotlin.classes"));
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(f -> f.toString().endsWith(".class")).sorted().map(ClassFile::new).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The copy of {@code internalName} the agent under test wrote last with {@code dump=}. */
    static ClassFile dumped(String internalName) {
        Path file = Path.of(System.getProperty("it.statickeys.dump"), internalName + ".class");
        if (!Files.isRegularFile(file)) {
            throw new AssertionError("the agent dumped no " + file);
        }
        return new ClassFile(file);
    }

    String internalName() {
        return node.name;
    }

    /** The name without the package, as {@link SiteCases} names methods ("Tracer$Companion"). */
    String simpleName() {
        return node.name.substring(node.name.lastIndexOf('/') + 1);
    }

    /** Calls of {@code StaticKey.isEnabled()} per method name. */
    Map<String, Integer> isEnabledCalls() {
        return count(insn -> isCall(insn, TYPE_STATIC_KEY, "isEnabled"));
    }

    /** Sites per method name: {@code isEnabled()} calls right after a {@code getstatic} of a key field. */
    Map<String, Integer> sites() {
        return count(insn -> isCall(insn, TYPE_STATIC_KEY, "isEnabled") && isKeyLoad(previous(insn)));
    }

    /** {@code getstatic} of key fields per method name. */
    Map<String, Integer> keyLoads() {
        return count(ClassFile::isKeyLoad);
    }

    /** Calls of a key holder's {@code static isEnabled()} (a class named {@code Key$...}) per method name. */
    Map<String, Integer> holderCalls() {
        return count(insn -> insn.getOpcode() == Opcodes.INVOKESTATIC && ((MethodInsnNode) insn).owner.contains("/Key$")
                && ((MethodInsnNode) insn).name.equals("isEnabled"));
    }

    /**
     * The instructions of {@code method}, one string each: the opcode's name, then the constant, method or field
     * for {@code ldc}, invocations and field instructions ({@code "invokestatic dev/statickeys/StaticKey.defineTrue"}).
     */
    List<String> instructions(String method) {
        List<String> text = new ArrayList<>();
        for (MethodNode m : node.methods) {
            if (!m.name.equals(method)) {
                continue;
            }
            for (AbstractInsnNode insn : m.instructions) {
                if (insn.getOpcode() < 0) {
                    continue; // a label, line number or frame
                }
                String opcode = Printer.OPCODES[insn.getOpcode()].toLowerCase(Locale.ROOT);
                if (insn instanceof LdcInsnNode ldc) {
                    text.add(opcode + " " + ldc.cst);
                } else if (insn instanceof MethodInsnNode call) {
                    text.add(opcode + " " + call.owner + "." + call.name);
                } else if (insn instanceof FieldInsnNode field) {
                    text.add(opcode + " " + field.owner + "." + field.name);
                } else {
                    text.add(opcode);
                }
            }
        }
        return text;
    }

    private Map<String, Integer> count(Predicate<AbstractInsnNode> what) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (MethodNode method : node.methods) {
            int n = 0;
            for (AbstractInsnNode insn : method.instructions) {
                if (what.test(insn)) {
                    n++;
                }
            }
            counts.merge(method.name, n, Integer::sum);
        }
        return counts;
    }

    private static boolean isCall(AbstractInsnNode insn, String owner, String name) {
        return insn instanceof MethodInsnNode call && call.owner.equals(owner) && call.name.equals(name);
    }

    private static boolean isKeyLoad(AbstractInsnNode insn) {
        return insn != null && insn.getOpcode() == Opcodes.GETSTATIC && ((FieldInsnNode) insn).desc.equals(DESC_STATIC_KEY);
    }

    /** The instruction before {@code insn}, labels and line numbers skipped. */
    private static AbstractInsnNode previous(AbstractInsnNode insn) {
        AbstractInsnNode previous = insn.getPrevious();
        while (previous != null && previous.getOpcode() < 0) {
            previous = previous.getPrevious();
        }
        return previous;
    }
}
