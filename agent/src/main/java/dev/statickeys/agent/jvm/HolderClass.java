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
 *       private static final MethodHandle TARGET = Anchor.callSite("tracing.enabled").dynamicInvoker();
 *       public static boolean isEnabled() { return false; }                          // constant form
 *       public static boolean isEnabled() { return (boolean) TARGET.invokeExact(); } // dynamic form
 *   }
 * </pre>
 * Every version has the same members; only the body of {@code isEnabled} changes, so a flip is a legal
 * retransformation of this class alone. A few bytes of code: C1 and C2 always inline it, and C2 folds
 * the call site's constant target as it folds the constant.
 */
final class HolderClass {
    /** Simple-name prefix of every holder class. */
    static final String PREFIX = "Key$";
    private static final String FIELD_TARGET = "TARGET";
    private static final String DESC_METHOD_HANDLE = "Ljava/lang/invoke/MethodHandle;";
    private static final String TYPE_MUTABLE_CALL_SITE = "java/lang/invoke/MutableCallSite";

    private HolderClass() {}

    /** The holder's internal name in {@code packagePrefix} ("a/b/"): '.' in the key name becomes '$'. */
    static String nameOf(String packagePrefix, String key) {
        return packagePrefix + PREFIX + key.replace('.', '$');
    }

    /**
     * The class file of holder {@code internalName} for {@code key}: answering the constant
     * {@code state}, or, if {@code dynamic}, the target of the key's call site, found through
     * {@code anchor} (internal name), a class with {@code static MutableCallSite callSite(String)}.
     */
    static byte[] bytes(String internalName, String anchor, String key, boolean state, boolean dynamic) {
        ClassWriter writer = new ClassWriter(0);
        writer.visit(Opcodes.V1_8, Opcodes.ACC_PUBLIC | Opcodes.ACC_FINAL | Opcodes.ACC_SUPER, internalName, null,
                "java/lang/Object", null);
        writer.visitSource(key + " (statickeys holder)", null);
        writer.visitField(Opcodes.ACC_PRIVATE | Opcodes.ACC_STATIC | Opcodes.ACC_FINAL, FIELD_TARGET, DESC_METHOD_HANDLE,
                null, null).visitEnd();
        MethodVisitor init = writer.visitMethod(Opcodes.ACC_STATIC, "<clinit>", "()V", null, null);
        init.visitCode();
        init.visitLdcInsn(key);
        init.visitMethodInsn(Opcodes.INVOKESTATIC, anchor, "callSite", "(Ljava/lang/String;)L" + TYPE_MUTABLE_CALL_SITE
                + ";", false);
        init.visitMethodInsn(Opcodes.INVOKEVIRTUAL, TYPE_MUTABLE_CALL_SITE, "dynamicInvoker", "()" + DESC_METHOD_HANDLE,
                false);
        init.visitFieldInsn(Opcodes.PUTSTATIC, internalName, FIELD_TARGET, DESC_METHOD_HANDLE);
        init.visitInsn(Opcodes.RETURN);
        init.visitMaxs(1, 0);
        init.visitEnd();
        MethodVisitor method = writer.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, METHOD_IS_ENABLED,
                DESC_IS_ENABLED, null, null);
        method.visitCode();
        if (dynamic) {
            method.visitFieldInsn(Opcodes.GETSTATIC, internalName, FIELD_TARGET, DESC_METHOD_HANDLE);
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
