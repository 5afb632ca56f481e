package dev.statickeys.agent.jvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.objectweb.asm.Opcodes.ACC_PUBLIC;
import static org.objectweb.asm.Opcodes.ACC_STATIC;
import static org.objectweb.asm.Opcodes.ALOAD;
import static org.objectweb.asm.Opcodes.ASTORE;
import static org.objectweb.asm.Opcodes.DUP;
import static org.objectweb.asm.Opcodes.GETSTATIC;
import static org.objectweb.asm.Opcodes.GOTO;
import static org.objectweb.asm.Opcodes.ICONST_0;
import static org.objectweb.asm.Opcodes.ICONST_1;
import static org.objectweb.asm.Opcodes.ICONST_3;
import static org.objectweb.asm.Opcodes.IFEQ;
import static org.objectweb.asm.Opcodes.IFNE;
import static org.objectweb.asm.Opcodes.IFNULL;
import static org.objectweb.asm.Opcodes.IF_ICMPGE;
import static org.objectweb.asm.Opcodes.ILOAD;
import static org.objectweb.asm.Opcodes.INVOKEVIRTUAL;
import static org.objectweb.asm.Opcodes.IRETURN;
import static org.objectweb.asm.Opcodes.ISTORE;
import static org.objectweb.asm.Opcodes.IXOR;
import static org.objectweb.asm.Opcodes.NOP;
import static org.objectweb.asm.Opcodes.POP;
import static org.objectweb.asm.Opcodes.SWAP;

import dev.statickeys.StaticKey;
import dev.statickeys.agent.jvm.SiteForm;
import dev.statickeys.fixtures.CorpusKeys;
import dev.statickeys.testing.Bytecode;
import dev.statickeys.testing.FreshLoader;
import dev.statickeys.testing.HostileInputReport;
import dev.statickeys.testing.SiteCorpus;
import java.lang.reflect.Method;
import java.util.LinkedHashMap;
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
 * Control flow javac never writes, as obfuscators and other bytecode tools do: jumps into the middle of
 * a site, a site split by a goto or an exception range, the key duplicated or stored, sites branching
 * backwards or to the next instruction. Each method runs unpatched and patched in both forms with the key
 * off and on; every patched class loads (verifies) and answers as the unpatched one. Written to
 * {@code target/hostile-input/control-flow.md}.
 */
class ObfuscatedSitesTest {
    private static final String NAME = "x.Obfuscated";
    private static final String KEYS = CorpusKeys.class.getName().replace('.', '/');
    private static final String KEY_TYPE = "Ldev/statickeys/StaticKey;";
    /** Stands for instructions that throw: a new IllegalStateException, thrown. */
    private static final int THROW = -1;
    private static final Map<String, Consumer<MethodVisitor>> METHODS = new LinkedHashMap<>();

    static {
        METHODS.put("gotoBetweenLoadAndCall", m -> {
            Label call = new Label();
            key(m);
            m.visitJumpInsn(GOTO, call);
            m.visitLabel(call);
            isEnabled(m);
            branchReturn(m, IFEQ);
        });
        METHODS.put("jumpIntoTheSite", m -> {
            Label call = new Label();
            m.visitInsn(ICONST_1);
            m.visitVarInsn(ISTORE, 0);
            key(m);
            m.visitVarInsn(ILOAD, 0);
            m.visitJumpInsn(IFEQ, call);
            m.visitInsn(NOP);
            m.visitLabel(call);
            isEnabled(m);
            branchReturn(m, IFEQ);
        });
        METHODS.put("keyDuplicated", m -> {
            key(m);
            m.visitInsn(DUP);
            m.visitInsn(POP);
            isEnabled(m);
            branchReturn(m, IFNE);
        });
        METHODS.put("keyStoredThenCalled", m -> {
            key(m);
            m.visitVarInsn(ASTORE, 0);
            m.visitVarInsn(ALOAD, 0);
            isEnabled(m);
            m.visitInsn(IRETURN);
        });
        METHODS.put("keyNullCheckedFirst", m -> {
            Label isNull = new Label();
            key(m);
            m.visitJumpInsn(IFNULL, isNull);
            key(m);
            isEnabled(m);
            m.visitInsn(IRETURN);
            m.visitLabel(isNull);
            m.visitInsn(ICONST_3);
            m.visitInsn(IRETURN);
        });
        METHODS.put("siteBranchesBackwards", m -> {
            Label top = new Label();
            Label end = new Label();
            m.visitInsn(ICONST_0);
            m.visitVarInsn(ISTORE, 0);
            m.visitLabel(top);
            m.visitIincInsn(0, 1);
            m.visitVarInsn(ILOAD, 0);
            m.visitInsn(ICONST_3);
            m.visitJumpInsn(IF_ICMPGE, end);
            key(m);
            isEnabled(m);
            m.visitJumpInsn(IFNE, top);
            m.visitLabel(end);
            m.visitVarInsn(ILOAD, 0);
            m.visitInsn(IRETURN);
        });
        METHODS.put("siteBranchesToTheNextInstruction", m -> {
            Label next = new Label();
            key(m);
            isEnabled(m);
            m.visitJumpInsn(IFEQ, next);
            m.visitLabel(next);
            m.visitInsn(ICONST_3);
            m.visitInsn(IRETURN);
        });
        METHODS.put("exceptionRangeStartsAtTheCall", m -> {
            Label start = new Label();
            Label end = new Label();
            Label handler = new Label();
            m.visitTryCatchBlock(start, end, handler, "java/lang/RuntimeException");
            key(m);
            m.visitLabel(start);
            isEnabled(m);
            m.visitLabel(end);
            m.visitInsn(IRETURN);
            m.visitLabel(handler);
            m.visitInsn(POP);
            m.visitInsn(ICONST_3);
            m.visitInsn(IRETURN);
        });
        METHODS.put("siteInAHandler", m -> {
            Label start = new Label();
            Label end = new Label();
            Label handler = new Label();
            m.visitTryCatchBlock(start, end, handler, "java/lang/RuntimeException");
            m.visitLabel(start);
            m.visitInsn(THROW);
            m.visitLabel(end);
            m.visitLabel(handler);
            m.visitInsn(POP);
            key(m);
            isEnabled(m);
            branchReturn(m, IFEQ);
        });
        METHODS.put("valueSwappedAndFlippedTwice", m -> {
            m.visitInsn(ICONST_3);
            key(m);
            isEnabled(m);
            m.visitInsn(SWAP);
            m.visitInsn(POP);
            m.visitInsn(ICONST_1);
            m.visitInsn(IXOR);
            m.visitInsn(ICONST_1);
            m.visitInsn(IXOR);
            m.visitInsn(IRETURN);
        });
        METHODS.put("valueThroughALocalIntoASwitch", m -> {
            Label zero = new Label();
            Label one = new Label();
            key(m);
            isEnabled(m);
            m.visitVarInsn(ISTORE, 0);
            m.visitVarInsn(ILOAD, 0);
            m.visitTableSwitchInsn(0, 1, zero, zero, one);
            m.visitLabel(zero);
            m.visitInsn(ICONST_3);
            m.visitInsn(IRETURN);
            m.visitLabel(one);
            m.visitInsn(ICONST_1);
            m.visitInsn(IRETURN);
        });
        METHODS.put("twoSitesOneTarget", m -> {
            Label target = new Label();
            key(m);
            isEnabled(m);
            m.visitJumpInsn(IFNE, target);
            key(m);
            isEnabled(m);
            m.visitJumpInsn(IFNE, target);
            m.visitInsn(ICONST_0);
            m.visitInsn(IRETURN);
            m.visitLabel(target);
            m.visitInsn(ICONST_1);
            m.visitInsn(IRETURN);
        });
    }

    /**
     * The methods whose site the agent recognises; in the others something splits the key load from the
     * call (a jump target, an exception range, another instruction) and the check stays plain.
     */
    private static final Set<String> PATCHED = Set.of("keyNullCheckedFirst", "siteBranchesBackwards",
            "siteBranchesToTheNextInstruction", "siteInAHandler", "valueSwappedAndFlippedTwice",
            "valueThroughALocalIntoASwitch", "twoSitesOneTarget");

    @Test
    void everyShapeLoadsAndAnswersAsTheUnpatchedClass() throws Exception {
        byte[] original = generate();
        HostileInputReport report = new HostileInputReport("control-flow", "Methods with control flow javac never"
                + " writes, generated with ASM around sites of one key. Each ran unpatched and patched (inline and"
                + " holder forms, key off and on); the outcome says whether every patched class loaded and answered"
                + " as the unpatched one, and how many isEnabled() calls the patch left (a site it did not"
                + " recognise stays a plain check).");
        List<StaticKey> keys = List.of(CorpusKeys.A);
        Map<String, String> outcome = new LinkedHashMap<>();
        for (int state = 0; state < 2; state++) {
            SiteCorpus.set(keys, state);
            Map<String, Object> expected = run(original);
            for (SiteForm form : List.of(SiteForm.INLINE, SiteForm.HOLDER)) {
                PatchingRig rig = new PatchingRig(getClass().getClassLoader(), form, keys);
                byte[] patched = rig.patch(new FreshLoader(rig.holderLoader, Set.of()), NAME, original);
                Map<String, Object> actual = run(new FreshLoader(rig.holderLoader, Set.of(NAME), Map.of(NAME, patched)));
                assertEquals(expected, actual, form + " with " + SiteCorpus.describe(keys, state));
                Map<String, Integer> left = new Bytecode(patched).isEnabledCallsByMethod();
                Map<String, Integer> before = new Bytecode(original).isEnabledCallsByMethod();
                for (String method : METHODS.keySet()) {
                    assertEquals(PATCHED.contains(method) ? 0 : before.get(method), left.get(method),
                            form + ": isEnabled() calls left in " + method);
                    outcome.merge(method, form.name().toLowerCase(java.util.Locale.ROOT) + " " + left.get(method),
                            (a, b) -> a.contains(b) ? a : a + ", " + b);
                }
            }
        }
        SiteCorpus.set(keys, SiteCorpus.defaults(keys));
        Map<String, Integer> before = new Bytecode(original).isEnabledCallsByMethod();
        outcome.forEach((method, left) -> report.record(method, "equal in all 4 runs; isEnabled() calls: unpatched "
                + before.get(method) + ", patched " + left));
        report.write();
    }

    private static Map<String, Object> run(byte[] original) throws Exception {
        return run(new FreshLoader(ObfuscatedSitesTest.class.getClassLoader(), Set.of(NAME), Map.of(NAME, original)));
    }

    private static Map<String, Object> run(FreshLoader loader) throws Exception {
        Class<?> type = Class.forName(NAME, true, loader);
        Map<String, Object> results = new LinkedHashMap<>();
        for (String name : METHODS.keySet()) {
            Method method = type.getMethod(name);
            results.put(name, method.invoke(null));
        }
        return results;
    }

    private static byte[] generate() {
        ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_FRAMES | ClassWriter.COMPUTE_MAXS);
        writer.visit(Opcodes.V17, ACC_PUBLIC, NAME.replace('.', '/'), null, "java/lang/Object", null);
        METHODS.forEach((name, body) -> {
            MethodVisitor method = writer.visitMethod(ACC_PUBLIC | ACC_STATIC, name, "()I", null, null);
            method.visitCode();
            body.accept(new MethodVisitor(Opcodes.ASM9, method) {
                @Override
                public void visitInsn(int opcode) {
                    if (opcode == THROW) {
                        super.visitTypeInsn(Opcodes.NEW, "java/lang/IllegalStateException");
                        super.visitInsn(DUP);
                        super.visitMethodInsn(Opcodes.INVOKESPECIAL, "java/lang/IllegalStateException", "<init>", "()V",
                                false);
                        super.visitInsn(Opcodes.ATHROW);
                    } else {
                        super.visitInsn(opcode);
                    }
                }
            });
            method.visitMaxs(0, 0);
            method.visitEnd();
        });
        writer.visitEnd();
        return writer.toByteArray();
    }

    private static void key(MethodVisitor method) {
        method.visitFieldInsn(GETSTATIC, KEYS, "A", KEY_TYPE);
    }

    private static void isEnabled(MethodVisitor method) {
        method.visitMethodInsn(INVOKEVIRTUAL, "dev/statickeys/StaticKey", "isEnabled", "()Z", false);
    }

    /** {@code jump} to return 0, else return 1. */
    private static void branchReturn(MethodVisitor method, int jump) {
        Label other = new Label();
        method.visitJumpInsn(jump, other);
        method.visitInsn(ICONST_1);
        method.visitInsn(IRETURN);
        method.visitLabel(other);
        method.visitInsn(ICONST_0);
        method.visitInsn(IRETURN);
    }
}
