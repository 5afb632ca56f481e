package dev.statickeys.agent.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.statickeys.fixtures.NoSites;
import dev.statickeys.fixtures.ShapeKeys;
import dev.statickeys.fixtures.Shapes;
import dev.statickeys.testing.FreshLoader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/** The constant-pool walk behind {@link ApiMention}, on real class files and on damaged ones. */
class KeyTypeFilterTest {
    private static final byte[] KEY_TYPE = ApiMention.STATIC_KEY.getBytes(StandardCharsets.UTF_8);

    private static byte[] classFile(Class<?> type) {
        return FreshLoader.classFile(KeyTypeFilterTest.class.getClassLoader(), type.getName());
    }

    @Test
    void aClassWithSitesAndAClassDefiningKeysConcernTheAgent() {
        assertTrue(KeyTypeFilter.mayConcern(classFile(Shapes.class)));
        assertTrue(KeyTypeFilter.mayConcern(classFile(ShapeKeys.class)));
    }

    @Test
    void aClassNotNamingTheTypeIsPassedOver() {
        assertEquals(KeyTypeFilter.NO, KeyTypeFilter.poolNames(classFile(NoSites.class), KEY_TYPE));
        assertFalse(KeyTypeFilter.mayConcern(classFile(NoSites.class)));
    }

    @Test
    void aClassMentioningTheTypeOnlyInADescriptorIsPassedOver() {
        // A field of type StaticKey and a method taking one: no call on StaticKey, so no site and no definition.
        byte[] bytes = generated(false, "Ldev/statickeys/StaticKey;");
        assertTrue(KeyTypeFilter.contains(bytes, KEY_TYPE), "the name is in the bytes");
        assertFalse(KeyTypeFilter.mayConcern(bytes));
    }

    @Test
    void everyKindOfConstantIsSteppedOverLongsAndDoublesTakingTwoSlots() {
        // Longs, doubles, method handles and dynamic constants before the name: a slot miscounted ends the walk early.
        byte[] bytes = generated(true, "I");
        assertEquals(KeyTypeFilter.YES, KeyTypeFilter.poolNames(bytes, KEY_TYPE));
    }

    @Test
    void aPoolThatCannotBeReadFallsBackToSearchingTheWholeFile() {
        byte[] overlong = classFile(NoSites.class);
        overlong[8] = (byte) 0xFF; // more entries than the file holds: the walk runs off its end
        overlong[9] = (byte) 0xFF;
        assertEquals(KeyTypeFilter.UNREADABLE, KeyTypeFilter.poolNames(overlong, KEY_TYPE));
        assertFalse(KeyTypeFilter.mayConcern(overlong), "no name in the bytes");
        byte[] named = Arrays.copyOf(overlong, overlong.length + KEY_TYPE.length);
        System.arraycopy(KEY_TYPE, 0, named, overlong.length, KEY_TYPE.length);
        assertTrue(KeyTypeFilter.mayConcern(named), "the name is in the bytes, outside any readable pool");

        byte[] unknownTag = classFile(NoSites.class);
        unknownTag[10] = 99;
        assertEquals(KeyTypeFilter.UNREADABLE, KeyTypeFilter.poolNames(unknownTag, KEY_TYPE));
        assertFalse(KeyTypeFilter.mayConcern(unknownTag), "the fallback search finds no name either");
    }

    @Test
    void tooShortToHoldAPoolIsUnreadable() {
        assertEquals(KeyTypeFilter.UNREADABLE, KeyTypeFilter.poolNames(new byte[9], KEY_TYPE));
        assertFalse(KeyTypeFilter.mayConcern(new byte[0]));
    }

    /**
     * A class with a long, a double, a method handle and a dynamic constant in its pool, then either a call of
     * {@code StaticKey.isEnabled()} ({@code withCall}) or none, and a field of type {@code fieldDescriptor}.
     */
    private static byte[] generated(boolean withCall, String fieldDescriptor) {
        ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        writer.visit(Opcodes.V17, Opcodes.ACC_PUBLIC, "p/Generated", null, "java/lang/Object", null);
        writer.newConst(1L);
        writer.newConst(2.0);
        writer.newHandle(Opcodes.H_INVOKESTATIC, "p/Other", "m", "()V", false);
        writer.newConstantDynamic("c", "I", new org.objectweb.asm.Handle(Opcodes.H_INVOKESTATIC, "p/Other", "b",
                "(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;Ljava/lang/Class;)I", false));
        writer.visitField(Opcodes.ACC_STATIC, "field", fieldDescriptor, null, null).visitEnd();
        MethodVisitor method = writer.visitMethod(Opcodes.ACC_STATIC, "m", "()Z", null, null);
        method.visitCode();
        if (withCall) {
            method.visitInsn(Opcodes.ACONST_NULL);
            method.visitMethodInsn(Opcodes.INVOKEVIRTUAL, ApiMention.STATIC_KEY, "isEnabled", "()Z", false);
        } else {
            method.visitInsn(Opcodes.ICONST_0);
        }
        method.visitInsn(Opcodes.IRETURN);
        method.visitMaxs(0, 0);
        method.visitEnd();
        writer.visitEnd();
        return writer.toByteArray();
    }
}
