package dev.statickeys.agent.jvm;

import static dev.statickeys.agent.jvm.ApiNames.DESC_IS_ENABLED;
import static dev.statickeys.agent.jvm.ApiNames.METHOD_IS_ENABLED;

import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * The class file of a key's holder:
 * <pre>
 *   public final class Key$tracing$enabled {          // SourceFile "tracing.enabled (statickeys holder)"
 *       public static boolean isEnabled() { return false; }
 *   }
 * </pre>
 * Every version has the same members; only the returned constant changes, so a flip is a legal
 * retransformation of this class alone. Three bytes of code: C1 and C2 always inline it.
 */
final class HolderClass {
    /** Simple-name prefix of every holder class. */
    static final String PREFIX = "Key$";

    private HolderClass() {}

    /** The holder's internal name in {@code packagePrefix} ("a/b/"): '.' in the key name becomes '$'. */
    static String nameOf(String packagePrefix, String key) {
        return packagePrefix + PREFIX + key.replace('.', '$');
    }

    /** The class file of holder {@code internalName} for {@code key}, answering {@code state}. */
    static byte[] bytes(String internalName, String key, boolean state) {
        ClassWriter writer = new ClassWriter(0);
        writer.visit(Opcodes.V1_8, Opcodes.ACC_PUBLIC | Opcodes.ACC_FINAL | Opcodes.ACC_SUPER, internalName, null,
                "java/lang/Object", null);
        writer.visitSource(key + " (statickeys holder)", null);
        MethodVisitor method = writer.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, METHOD_IS_ENABLED,
                DESC_IS_ENABLED, null, null);
        method.visitCode();
        method.visitInsn(state ? Opcodes.ICONST_1 : Opcodes.ICONST_0);
        method.visitInsn(Opcodes.IRETURN);
        method.visitMaxs(1, 0);
        method.visitEnd();
        writer.visitEnd();
        return writer.toByteArray();
    }
}
