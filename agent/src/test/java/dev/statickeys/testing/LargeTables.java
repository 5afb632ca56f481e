package dev.statickeys.testing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Large site tables (megabytes) for the merge tests: one class with one value site per method, recorded
 * in table order or reversed, and the class file to match.
 */
public final class LargeTables {
    private LargeTables() {}

    /** {@code count} method names {@code m0, m1, ...}. */
    public static List<String> methods(int count) {
        List<String> names = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            names.add("m" + i);
        }
        return names;
    }

    /**
     * {@code 2^bits} distinct method names with one and the same {@link String#hashCode}, made of the
     * blocks "Aa" and "BB" (equal hash codes): the worst case for a hash map keyed by them.
     */
    public static List<String> collidingMethods(int bits) {
        List<String> names = new ArrayList<>(1 << bits);
        for (int i = 0; i < 1 << bits; i++) {
            StringBuilder name = new StringBuilder("m");
            for (int bit = 0; bit < bits; bit++) {
                name.append((i >> bit & 1) == 0 ? "Aa" : "BB");
            }
            names.add(name.toString());
        }
        return names;
    }

    /**
     * A format-1 table recording class {@code className} (binary name) with one value site of
     * {@code keyClass.keyField} (declared elsewhere) in each of {@code methods} ({@code ()Z}, no line
     * numbers), in the order given or reversed.
     */
    public static String table(String className, List<String> methods, String keyClass, String keyField,
            boolean reversed) {
        List<String> order = new ArrayList<>(methods);
        if (reversed) {
            Collections.reverse(order);
        }
        StringBuilder text = new StringBuilder("statickeys-sites\t1\nclass\t").append(className).append('\n');
        for (String method : order) {
            text.append("site\t").append(className).append('\t').append(method).append("\t()Z\t-1\t").append(keyClass)
                    .append('\t').append(keyField).append("\t-\tvalue\n");
        }
        return text.toString();
    }

    /**
     * The class the table describes: {@code public static boolean <m>() { return keyClass.keyField.isEnabled(); }}
     * for each method, without line numbers.
     */
    public static byte[] classFile(String className, List<String> methods, String keyClass, String keyField) {
        ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        writer.visit(Opcodes.V17, Opcodes.ACC_PUBLIC | Opcodes.ACC_SUPER, className.replace('.', '/'), null,
                "java/lang/Object", null);
        for (String method : methods) {
            MethodVisitor site = writer.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, method, "()Z", null, null);
            site.visitCode();
            site.visitFieldInsn(Opcodes.GETSTATIC, keyClass.replace('.', '/'), keyField, "Ldev/statickeys/StaticKey;");
            site.visitMethodInsn(Opcodes.INVOKEVIRTUAL, "dev/statickeys/StaticKey", "isEnabled", "()Z", false);
            site.visitInsn(Opcodes.IRETURN);
            site.visitMaxs(0, 0);
            site.visitEnd();
        }
        writer.visitEnd();
        return writer.toByteArray();
    }
}
