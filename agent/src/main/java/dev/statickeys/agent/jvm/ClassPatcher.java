package dev.statickeys.agent.jvm;

import static dev.statickeys.agent.jvm.ApiNames.CLINIT;
import static dev.statickeys.agent.jvm.ApiNames.DESC_CLASS_INITIALIZED;
import static dev.statickeys.agent.jvm.ApiNames.METHOD_CLASS_INITIALIZED;
import static dev.statickeys.agent.jvm.ApiNames.TYPE_LINKAGE;

import dev.statickeys.siterule.KeyField;
import dev.statickeys.siterule.SiteRecognizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.MethodNode;

/**
 * Produces the patched class file: every method listed by the scan first has its large guarded blocks
 * moved out by {@link BlockOutliner} (if the scan found it large enough to hold one: only then is it
 * collected into a tree), then goes through a {@link SiteRecognizer}
 * that hands its sites to a {@link SiteRewriter} (behind an {@code AnalyzerAdapter} when a site may be
 * patched inline and needs the frame at its start), and the static initializer starts with the call that makes the class known to
 * the agent ({@code Linkage.classInitialized(ThisClass.class)}), added if the class has none. The methods
 * holding moved blocks follow the class's own, their sites rewritten and checked as sites of the method the
 * block came from.
 *
 * <p>The hook and the moved blocks are added whenever the class has sites, whatever the key states and
 * patches (also for the hook-only output), so every version of the class the agent produces has the same
 * members (retransformation may not add or remove methods).
 */
final class ClassPatcher {
    private ClassPatcher() {}

    /**
     * @param patches what the sites reading each key field become; fields without one stay as they
     *     are; empty for hook-only output
     * @param check the sites that may be patched (from the class's site table), or null for all
     * @return the new class file and the number of sites rewritten
     */
    static Result patch(byte[] original, ClassScan scan, Map<KeyField, FieldPatch> patches, TableCheck check) {
        ClassReader reader = new ClassReader(original);
        // Given the reader, the writer starts from the original constant pool and copies every method
        // this visitor passes through untouched as bytes, unparsed: only methods with sites and the
        // static initializer are decoded and written again (ASM's "mostly add" case).
        ClassWriter writer = new ClassWriter(reader, 0);
        Visitor visitor = new Visitor(writer, scan, patches, check);
        reader.accept(visitor, ClassReader.EXPAND_FRAMES);
        return new Result(writer.toByteArray(), visitor.patched);
    }

    /** Runs {@code check} over every site of the class, patching nothing. */
    static void check(byte[] original, TableCheck check) {
        ClassReader reader = new ClassReader(original);
        int version = reader.readUnsignedShort(6);
        MethodVisitor nowhere = new MethodVisitor(Opcodes.ASM9) {};
        reader.accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                    String[] exceptions) {
                String method = name + descriptor;
                return new SiteRecognizer(nowhere, site -> check.found(method, site), version, null).entry();
            }
        }, 0); // frames are visited: a frame splits a site, as when patching
    }

    /** The new class file and the number of sites rewritten. */
    record Result(byte[] bytes, int sites) {}

    private static final class Visitor extends ClassVisitor {
        private final ClassScan scan;
        private final Map<KeyField, FieldPatch> patches;
        /** Whether any site is patched inline: only then are frames computed. */
        private final boolean inline;
        private final TableCheck check;
        private final int version;
        private String className;
        private boolean sawClinit;
        int patched;
        private final List<SiteRewriter> rewriters = new ArrayList<>();
        private int classAccess;
        private BlockOutliner.Names names;
        private final List<BlockOutliner.Outlined> outlined = new ArrayList<>();

        Visitor(ClassVisitor next, ClassScan scan, Map<KeyField, FieldPatch> patches, TableCheck check) {
            super(Opcodes.ASM9, next);
            this.scan = scan;
            this.patches = patches;
            this.inline = anyInline(patches);
            this.check = check;
            this.version = scan.version;
        }

        private static boolean anyInline(Map<KeyField, FieldPatch> patches) {
            for (FieldPatch patch : patches.values()) {
                if (patch.isInline()) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public void visit(int version, int access, String name, String signature, String superName,
                String[] interfaces) {
            className = name;
            classAccess = access;
            super.visit(version, access, name, signature, superName, interfaces);
        }

        @Override
        public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                String[] exceptions) {
            MethodVisitor mv = super.visitMethod(access, name, descriptor, signature, exceptions);
            if (CLINIT.equals(name)) {
                sawClinit = true;
                mv = new InitHook(mv, className);
            }
            if (!scan.siteMethods.contains(name + descriptor)) {
                return mv;
            }
            MethodVisitor sites = sites(mv, access, name, descriptor, name + descriptor);
            // Only a large method reaches BlockOutliner: a class without one never loads the outliner.
            return scan.largeSiteMethods.contains(name + descriptor) && !CLINIT.equals(name)
                    && BlockOutliner.appliesTo(version, classAccess)
                    ? new Outlining(access, name, descriptor, signature, exceptions, sites) : sites;
        }

        /** The visitor that rewrites the sites of a method going to {@code mv}, or {@code mv} if none are patched. */
        private MethodVisitor sites(MethodVisitor mv, int access, String name, String descriptor, String origin) {
            if (patches.isEmpty() && check == null) {
                return mv;
            }
            SiteRewriter rewriter = new SiteRewriter(mv, origin, patches, check, version);
            rewriters.add(rewriter);
            // Holder calls keep every frame as it is: only inline sites need the analysis.
            SiteRecognizer.AnalyzedMethod analyzed = inline
                    ? new SiteRecognizer.AnalyzedMethod(className, access, name, descriptor) : null;
            return new SiteRecognizer(rewriter, rewriter, version, analyzed).entry();
        }

        /** Collects a method, moves its large guarded blocks out, then passes it on. */
        private final class Outlining extends MethodNode {
            private final MethodVisitor next;

            Outlining(int access, String name, String descriptor, String signature, String[] exceptions,
                    MethodVisitor next) {
                super(Opcodes.ASM9, access, name, descriptor, signature, exceptions);
                this.next = next;
            }

            @Override
            public void visitEnd() {
                if (names == null) {
                    names = new BlockOutliner.Names(scan.methodNames);
                }
                outlined.addAll(BlockOutliner.outline(className, version, scan.finalFields, this, names));
                accept(next);
            }
        }

        /** The methods holding moved blocks, their sites rewritten as sites of the method each came from. */
        private void writeOutlined() {
            for (BlockOutliner.Outlined block : outlined) {
                MethodNode method = block.method();
                MethodVisitor mv = super.visitMethod(method.access, method.name, method.desc, null, null);
                method.accept(sites(mv, method.access, method.name, method.desc, block.origin()));
            }
        }

        @Override
        public void visitEnd() {
            writeOutlined();
            if (!sawClinit) {
                MethodVisitor mv = new InitHook(super.visitMethod(Opcodes.ACC_STATIC, CLINIT, "()V", null, null),
                        className);
                mv.visitCode();
                mv.visitInsn(Opcodes.RETURN);
                mv.visitMaxs(0, 0);
                mv.visitEnd();
            }
            for (SiteRewriter rewriter : rewriters) {
                patched += rewriter.patched();
            }
            super.visitEnd();
        }
    }

    /** Prepends {@code Linkage.classInitialized(ThisClass.class)} to a static initializer. */
    private static final class InitHook extends MethodVisitor {
        private final String className;

        InitHook(MethodVisitor next, String className) {
            super(Opcodes.ASM9, next);
            this.className = className;
        }

        @Override
        public void visitCode() {
            super.visitCode();
            super.visitLdcInsn(Type.getObjectType(className));
            super.visitMethodInsn(Opcodes.INVOKESTATIC, TYPE_LINKAGE, METHOD_CLASS_INITIALIZED,
                    DESC_CLASS_INITIALIZED, false);
        }

        @Override
        public void visitMaxs(int maxStack, int maxLocals) {
            super.visitMaxs(Math.max(maxStack, 1), maxLocals);
        }
    }
}
