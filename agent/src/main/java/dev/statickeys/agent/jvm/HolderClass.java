package dev.statickeys.agent.jvm;

import static dev.statickeys.agent.jvm.ApiNames.DESC_IS_ENABLED;
import static dev.statickeys.agent.jvm.ApiNames.METHOD_IS_ENABLED;

import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.ConstantDynamic;
import org.objectweb.asm.Handle;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * The class file of a key's holder:
 * <pre>
 *   public final class Key$tracing$enabled {          // SourceFile "tracing.enabled (statickeys holder)"
 *       public static boolean isEnabled() { return false; }                          // constant form
 *       public static boolean isEnabled() { return (boolean) READER.invokeExact(); } // dynamic form
 *   }
 * </pre>
 * where {@code READER} is a dynamically-computed constant ({@code CONSTANT_Dynamic}, resolved the first
 * time the dynamic form runs) made by {@code Anchor.reader}: the dynamic invoker of the key's call site,
 * which reads the state and can do nothing else. Every version has the same members; only the body of
 * {@code isEnabled} changes, so a flip is a legal retransformation of this class alone. A few bytes of
 * code: C1 and C2 always inline it, and C2 folds the call site's constant target as it folds the constant.
 */
final class HolderClass {
    /** Simple-name prefix of every holder class. */
    static final String PREFIX = "Key$";
    private static final String DESC_READER_BOOTSTRAP = "(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;"
            + "Ljava/lang/Class;Ljava/lang/String;)Ljava/lang/invoke/MethodHandle;";
    private static final String DESC_METHOD_HANDLE = "Ljava/lang/invoke/MethodHandle;";

    private HolderClass() {}

    /** The holder's internal name in {@code packagePrefix} ("a/b/"): '.' in the key name becomes '$'. */
    static String nameOf(String packagePrefix, String key) {
        return packagePrefix + PREFIX + key.replace('.', '$');
    }

    /**
     * The class file of holder {@code internalName} for {@code key}: answering the constant
     * {@code state}, or, if {@code dynamic}, the target of the key's call site, read through a constant
     * made by {@code anchor} (internal name), a class with
     * {@code static MethodHandle reader(MethodHandles.Lookup, String, Class, String key)}.
     */
    static byte[] bytes(String internalName, String anchor, String key, boolean state, boolean dynamic) {
        ClassWriter writer = new ClassWriter(0);
        writer.visit(Opcodes.V11, Opcodes.ACC_PUBLIC | Opcodes.ACC_FINAL | Opcodes.ACC_SUPER, internalName, null,
                "java/lang/Object", null);
        writer.visitSource(key + " (statickeys holder)", null);
        MethodVisitor method = writer.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, METHOD_IS_ENABLED,
                DESC_IS_ENABLED, null, null);
        method.visitCode();
        if (dynamic) {
            method.visitLdcInsn(new ConstantDynamic("reader", DESC_METHOD_HANDLE, new Handle(Opcodes.H_INVOKESTATIC,
                    anchor, "reader", DESC_READER_BOOTSTRAP, false), key));
            method.visitMethodInsn(Opcodes.INVOKEVIRTUAL, "java/lang/invoke/MethodHandle", "invokeExact", DESC_IS_ENABLED,
                    false);
        } else {
            method.visitInsn(state ? Opcodes.ICONST_1 : Opcodes.ICONST_0);
        }
        method.visitInsn(Opcodes.IRETURN);
        method.visitMaxs(1, 0);
        method.visitEnd();
        writer.visitEnd();
        return writer.toByteArray();
    }
}
