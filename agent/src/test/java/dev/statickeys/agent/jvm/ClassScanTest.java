package dev.statickeys.agent.jvm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.statickeys.siterule.KeyField;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * How the scan recognises key fields in static initializers, and that it counts the sites the patcher's
 * recognizer finds, on class files written here with ASM.
 */
class ClassScanTest {
    private static final String OWNER = "test/Keys";
    private static final String STATIC_KEY = "dev/statickeys/StaticKey";
    private static final String DESC_KEY = "L" + STATIC_KEY + ";";
    private static final String DESC_DEFINE = "(Ljava/lang/String;)" + DESC_KEY;
    private static final String NOT_ASSIGNED =
            "the static initializer does not assign it with StaticKey.defineFalse/defineTrue(\"literal\")";

    @Test
    void aPlainDefineCallStoredInTheFieldDefinesTheKey() {
        ClassScan scan = scan(clinit -> {
            define(clinit, "defineFalse", "kotlin.a");
            clinit.visitFieldInsn(Opcodes.PUTSTATIC, OWNER, "A", DESC_KEY);
        }, "A");
        assertEquals("{A=defineFalse(\"kotlin.a\")}", scan.keyFields.toString());
        assertEquals(Map.of(), scan.keyFieldProblems);
    }

    @Test
    void kotlinsNullCheckBetweenTheDefineCallAndTheFieldStillDefinesTheKey() {
        // @JvmField val B: StaticKey = StaticKey.defineTrue("kotlin.b"), as kotlinc 2.4 writes it (javap -c)
        ClassScan scan = scan(clinit -> {
            define(clinit, "defineTrue", "kotlin.b");
            clinit.visitInsn(Opcodes.DUP);
            clinit.visitLdcInsn("defineTrue(...)");
            clinit.visitMethodInsn(Opcodes.INVOKESTATIC, "kotlin/jvm/internal/Intrinsics", "checkNotNullExpressionValue",
                    "(Ljava/lang/Object;Ljava/lang/String;)V", false);
            clinit.visitFieldInsn(Opcodes.PUTSTATIC, OWNER, "B", DESC_KEY);
        }, "B");
        assertEquals("{B=defineTrue(\"kotlin.b\")}", scan.keyFields.toString());
        assertEquals(Map.of(), scan.keyFieldProblems);
    }

    @Test
    void anotherCallInPlaceOfKotlinsNullCheckLeavesTheFieldUnresolved() {
        ClassScan scan = scan(clinit -> {
            define(clinit, "defineTrue", "kotlin.b");
            clinit.visitInsn(Opcodes.DUP);
            clinit.visitLdcInsn("defineTrue(...)");
            clinit.visitMethodInsn(Opcodes.INVOKESTATIC, "test/Registry", "checkNotNullExpressionValue",
                    "(Ljava/lang/Object;Ljava/lang/String;)V", false);
            clinit.visitFieldInsn(Opcodes.PUTSTATIC, OWNER, "B", DESC_KEY);
        }, "B");
        assertEquals(Map.of(), scan.keyFields);
        assertEquals(Map.of("B", NOT_ASSIGNED), scan.keyFieldProblems);
    }

    @Test
    void aPartOfKotlinsNullCheckLeavesTheFieldUnresolved() {
        // A = B = StaticKey.defineFalse("k") in Java: dup, then two stores; neither is a plain definition
        ClassScan scan = scan(clinit -> {
            define(clinit, "defineFalse", "k");
            clinit.visitInsn(Opcodes.DUP);
            clinit.visitFieldInsn(Opcodes.PUTSTATIC, OWNER, "B", DESC_KEY);
            clinit.visitFieldInsn(Opcodes.PUTSTATIC, OWNER, "A", DESC_KEY);
            define(clinit, "defineFalse", "c");
            clinit.visitInsn(Opcodes.DUP);
            clinit.visitLdcInsn("defineFalse(...)");
            clinit.visitFieldInsn(Opcodes.PUTSTATIC, OWNER, "C", DESC_KEY);
            clinit.visitInsn(Opcodes.POP);
        }, "A", "B", "C");
        assertEquals(Map.of(), scan.keyFields);
        assertEquals(Map.of("A", NOT_ASSIGNED, "B", NOT_ASSIGNED, "C", NOT_ASSIGNED), scan.keyFieldProblems);
    }

    @Test
    void theScanCountsExactlyTheSitesThePatcherFinds() {
        // a branch site, a value site, then a key load and its call split by a jump target: not a site
        byte[] classFile = classFile(clinit -> {
            define(clinit, "defineFalse", "k");
            clinit.visitFieldInsn(Opcodes.PUTSTATIC, OWNER, "A", DESC_KEY);
        }, method -> {
            Label afterBranch = new Label();
            isEnabled(method);
            method.visitJumpInsn(Opcodes.IFEQ, afterBranch);
            method.visitLabel(afterBranch);
            isEnabled(method);
            method.visitInsn(Opcodes.POP);
            Label jumpTarget = new Label();
            method.visitFieldInsn(Opcodes.GETSTATIC, OWNER, "A", DESC_KEY);
            method.visitJumpInsn(Opcodes.GOTO, jumpTarget);
            method.visitLabel(jumpTarget);
            method.visitMethodInsn(Opcodes.INVOKEVIRTUAL, STATIC_KEY, "isEnabled", "()Z", false);
            method.visitInsn(Opcodes.IRETURN);
        }, "A");
        ClassScan scan = ClassScan.of(classFile);
        TableCheck patcherSees = new TableCheck(OWNER, List.of());
        ClassPatcher.check(classFile, patcherSees);
        assertEquals(2, patcherSees.foundCount());
        assertEquals(2, scan.sitesOf(new KeyField(OWNER, "A")));
        assertEquals(Set.of("m()Z"), scan.siteMethods);
    }

    @Test
    void aClassWhoseMethodsRunEachInstructionOnceMayNotLoop() {
        ClassScan scan = ClassScan.of(classFile(ClassScanTest::defineA, method -> {
            Label skip = new Label();
            isEnabled(method);
            method.visitJumpInsn(Opcodes.IFEQ, skip);
            method.visitLabel(skip);
            Label other = new Label();
            method.visitInsn(Opcodes.ICONST_0);
            method.visitTableSwitchInsn(0, 0, other, other);
            method.visitLabel(other);
            method.visitInsn(Opcodes.ICONST_1);
            method.visitInsn(Opcodes.IRETURN);
        }, "A"));
        assertEquals(Set.of("m()Z"), scan.siteMethods);
        assertEquals(false, scan.mayLoop);
    }

    @Test
    void aBackwardJumpMakesAMethodLoopAndASitesOwnJumpCounts() {
        // for (;;) { ...; if (A) break; }: the jump back is an ordinary goto
        assertEquals(true, ClassScan.of(classFile(ClassScanTest::defineA, method -> {
            Label top = new Label();
            Label out = new Label();
            method.visitLabel(top);
            isEnabled(method);
            method.visitJumpInsn(Opcodes.IFNE, out);
            method.visitJumpInsn(Opcodes.GOTO, top);
            method.visitLabel(out);
            method.visitInsn(Opcodes.ICONST_1);
            method.visitInsn(Opcodes.IRETURN);
        }, "A")).mayLoop);
        // do { } while (A.isEnabled()): the only jump back is the site's
        ClassScan siteJump = ClassScan.of(classFile(ClassScanTest::defineA, method -> {
            Label top = new Label();
            method.visitLabel(top);
            isEnabled(method);
            method.visitJumpInsn(Opcodes.IFNE, top);
            method.visitInsn(Opcodes.ICONST_1);
            method.visitInsn(Opcodes.IRETURN);
        }, "A"));
        assertEquals(Set.of("m()Z"), siteJump.siteMethods);
        assertEquals(true, siteJump.mayLoop);
        // a switch whose default goes back
        assertEquals(true, ClassScan.of(classFile(ClassScanTest::defineA, method -> {
            Label top = new Label();
            Label out = new Label();
            method.visitLabel(top);
            isEnabled(method);
            method.visitLookupSwitchInsn(top, new int[] {1}, new Label[] {out});
            method.visitLabel(out);
            method.visitInsn(Opcodes.ICONST_1);
            method.visitInsn(Opcodes.IRETURN);
        }, "A")).mayLoop);
    }

    @Test
    void aHandlerBeforeTheEndOfItsRangeMakesAMethodLoop() {
        // try { throw } catch: the handler sits inside the range it covers, so a throw there runs it again
        assertEquals(true, ClassScan.of(classFile(ClassScanTest::defineA, method -> {
            Label start = new Label();
            Label handler = new Label();
            Label end = new Label();
            method.visitTryCatchBlock(start, end, handler, null);
            method.visitLabel(start);
            method.visitInsn(Opcodes.ACONST_NULL);
            method.visitLabel(handler);
            method.visitInsn(Opcodes.ATHROW);
            method.visitLabel(end);
            method.visitInsn(Opcodes.ICONST_1);
            method.visitInsn(Opcodes.IRETURN);
        }, "A")).mayLoop);
        // the usual shape: the handler after the range
        assertEquals(false, ClassScan.of(classFile(ClassScanTest::defineA, method -> {
            Label start = new Label();
            Label end = new Label();
            Label handler = new Label();
            method.visitTryCatchBlock(start, end, handler, null);
            method.visitLabel(start);
            isEnabled(method);
            method.visitInsn(Opcodes.IRETURN);
            method.visitLabel(end);
            method.visitLabel(handler);
            method.visitInsn(Opcodes.ATHROW);
        }, "A")).mayLoop);
    }

    @Test
    void aLoopInTheStaticInitializerOnlyDoesNotCount() {
        assertEquals(false, ClassScan.of(classFile(clinit -> {
            defineA(clinit);
            Label top = new Label();
            clinit.visitLabel(top);
            clinit.visitFieldInsn(Opcodes.GETSTATIC, OWNER, "A", DESC_KEY);
            clinit.visitMethodInsn(Opcodes.INVOKEVIRTUAL, STATIC_KEY, "isEnabled", "()Z", false);
            clinit.visitJumpInsn(Opcodes.IFNE, top);
        }, method -> {
            isEnabled(method);
            method.visitInsn(Opcodes.IRETURN);
        }, "A")).mayLoop);
    }

    @Test
    void aMethodWithSitesIsLargeFromTheSizeABlockWorthMovingNeeds() {
        // isEnabled + ifeq + n nops + iconst_1 + ireturn: 9 + n + 2 bytes
        int smallest = BlockOutliner.MIN_METHOD_BYTES - 11;
        for (int nops : new int[] {smallest - 1, smallest}) {
            ClassScan scan = ClassScan.of(classFile(ClassScanTest::defineA, method -> {
                Label skip = new Label();
                isEnabled(method);
                method.visitJumpInsn(Opcodes.IFEQ, skip);
                for (int i = 0; i < nops; i++) {
                    method.visitInsn(Opcodes.NOP);
                }
                method.visitLabel(skip);
                method.visitInsn(Opcodes.ICONST_1);
                method.visitInsn(Opcodes.IRETURN);
            }, "A"));
            assertEquals(Set.of("m()Z"), scan.siteMethods);
            assertEquals(nops == smallest ? Set.of("m()Z") : Set.of(), scan.largeSiteMethods, nops + " nops");
        }
        // as large, without a site: not a method the patcher looks at
        ClassScan noSite = ClassScan.of(classFile(ClassScanTest::defineA, method -> {
            for (int i = 0; i < BlockOutliner.MIN_METHOD_BYTES; i++) {
                method.visitInsn(Opcodes.NOP);
            }
            method.visitInsn(Opcodes.ICONST_1);
            method.visitInsn(Opcodes.IRETURN);
        }, "A"));
        assertEquals(Set.of(), noSite.largeSiteMethods);
    }

    private static void defineA(MethodVisitor clinit) {
        define(clinit, "defineFalse", "k");
        clinit.visitFieldInsn(Opcodes.PUTSTATIC, OWNER, "A", DESC_KEY);
    }

    private static void isEnabled(MethodVisitor method) {
        method.visitFieldInsn(Opcodes.GETSTATIC, OWNER, "A", DESC_KEY);
        method.visitMethodInsn(Opcodes.INVOKEVIRTUAL, STATIC_KEY, "isEnabled", "()Z", false);
    }

    private static void define(MethodVisitor clinit, String method, String name) {
        clinit.visitLdcInsn(name);
        clinit.visitMethodInsn(Opcodes.INVOKESTATIC, STATIC_KEY, method, DESC_DEFINE, false);
    }

    /** Scans a class declaring {@code static final StaticKey} fields, with {@code body} as its static initializer. */
    private static ClassScan scan(Consumer<MethodVisitor> body, String... fields) {
        return ClassScan.of(classFile(body, null, fields));
    }

    /**
     * A class with {@code clinit} as its static initializer and, unless null, {@code method} as the body of a
     * static method {@code m()Z}; frames computed.
     */
    private static byte[] classFile(Consumer<MethodVisitor> body, Consumer<MethodVisitor> method, String... fields) {
        ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_FRAMES) {
            @Override
            protected String getCommonSuperClass(String type1, String type2) {
                return "java/lang/Object"; // loads nothing; no two reference types meet here
            }
        };
        writer.visit(Opcodes.V17, Opcodes.ACC_PUBLIC | Opcodes.ACC_FINAL, OWNER, null, "java/lang/Object", null);
        for (String field : fields) {
            writer.visitField(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC | Opcodes.ACC_FINAL, field, DESC_KEY, null, null)
                    .visitEnd();
        }
        MethodVisitor clinit = writer.visitMethod(Opcodes.ACC_STATIC, "<clinit>", "()V", null, null);
        clinit.visitCode();
        body.accept(clinit);
        clinit.visitInsn(Opcodes.RETURN);
        clinit.visitMaxs(0, 0);
        clinit.visitEnd();
        if (method != null) {
            MethodVisitor m = writer.visitMethod(Opcodes.ACC_STATIC, "m", "()Z", null, null);
            m.visitCode();
            method.accept(m);
            m.visitMaxs(0, 0);
            m.visitEnd();
        }
        writer.visitEnd();
        return writer.toByteArray();
    }
}
