package dev.statickeys.it;

import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * A main for forked JVMs: defines, for each argument, a class of that binary name (any string
 * {@code ClassLoader.defineClass} accepts, such as {@code .tmp.x.Escape}) with one site of
 * {@link FlipMain#KEY}, each twice in two fresh loaders, and prints {@code defined <name>: <outcome>}.
 * The JVM may refuse the name after the agent's transformer has seen it; that is the outcome then.
 */
public final class DumpEscapeMain {
    private DumpEscapeMain() {}

    /** A loader that defines what it is given. */
    private static final class Definer extends ClassLoader {
        Definer() {
            super(DumpEscapeMain.class.getClassLoader());
        }

        Class<?> define(String name, byte[] bytes) {
            return defineClass(name, bytes, 0, bytes.length);
        }
    }

    public static void main(String[] args) {
        for (String name : args) {
            byte[] bytes = classWithASite(name.replace('.', '/'));
            for (int i = 0; i < 2; i++) {
                String outcome;
                try {
                    Class<?> type = new Definer().define(name, bytes);
                    outcome = "site reads " + type.getMethod("site").invoke(null);
                } catch (Throwable e) {
                    outcome = e.toString();
                }
                System.out.println("defined " + name + ": " + outcome);
            }
        }
    }

    /** {@code public class <internalName> { public static boolean site() { return FlipMain.KEY.isEnabled(); } }} */
    static byte[] classWithASite(String internalName) {
        ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        writer.visit(Opcodes.V17, Opcodes.ACC_PUBLIC | Opcodes.ACC_SUPER, internalName, null, "java/lang/Object", null);
        MethodVisitor site = writer.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "site", "()Z", null, null);
        site.visitCode();
        site.visitFieldInsn(Opcodes.GETSTATIC, FlipMain.class.getName().replace('.', '/'), "KEY",
                "Ldev/statickeys/StaticKey;");
        site.visitMethodInsn(Opcodes.INVOKEVIRTUAL, "dev/statickeys/StaticKey", "isEnabled", "()Z", false);
        site.visitInsn(Opcodes.IRETURN);
        site.visitMaxs(0, 0);
        site.visitEnd();
        writer.visitEnd();
        return writer.toByteArray();
    }
}
