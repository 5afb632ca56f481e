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
 *       public static volatile boolean state;         // the applied state, kept by the agent
 *       public static boolean isEnabled() { return false; }   // constant form
 *       public static boolean isEnabled() { return state; }   // dynamic form
 *   }
 * </pre>
 * Every version has the same members; only the body of {@code isEnabled} changes, so a flip is a legal
 * retransformation of this class alone. Two or four bytes of code: C1 and C2 always inline it.
 */
final class HolderClass {
    /** Simple-name prefix of every holder class. */
    static final String PREFIX = "Key$";
    /** The holder's field with the key's applied state. */
    static final String FIELD_STATE = "state";

    private HolderClass() {}

    /** The holder's internal name in {@code packagePrefix} ("a/b/"): '.' in the key name becomes '$'. */
    static String nameOf(String packagePrefix, String key) {
        return packagePrefix + PREFIX + key.replace('.', '$');
    }

    /**
     * The class file of holder {@code internalName} for {@code key}: answering the constant
     * {@code state}, or, if {@code dynamic}, reading its {@code state} field.
     */
    static byte[] bytes(String internalName, String key, boolean state, boolean dynamic) {
        ClassWriter writer = new ClassWriter(0);
        writer.visit(Opcodes.V1_8, Opcodes.ACC_PUBLIC | Opcodes.ACC_FINAL | Opcodes.ACC_SUPER, internalName, null,
                "java/lang/Object", null);
        writer.visitSource(key + " (statickeys holder)", null);
        writer.visitField(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC | Opcodes.ACC_VOLATILE, FIELD_STATE, "Z", null, null)
                .visitEnd();
        MethodVisitor method = writer.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, METHOD_IS_ENABLED,
                DESC_IS_ENABLED, null, null);
        method.visitCode();
        if (dynamic) {
            method.visitFieldInsn(Opcodes.GETSTATIC, internalName, FIELD_STATE, "Z");
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
