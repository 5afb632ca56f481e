package dev.statickeys.processor;

import dev.statickeys.siterule.InstructionHook;
import dev.statickeys.siterule.SiteNames;
import dev.statickeys.siterule.SiteRecognizer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * What the site table records of one class file, as {@code javac} just wrote it: the key fields it declares
 * ({@code ldc "name"; invokestatic StaticKey.defineFalse|defineTrue; putstatic} in its static initializer,
 * on a {@code static final} field of the class) and its sites. The sites are the ones the agent's patcher
 * will find: they come from {@link SiteRecognizer}, the one site rule both use (shaded, with ASM, into the
 * processor jar). The class file is read with its debug information and frames, as the patcher reads it.
 */
final class ClassFileRecords {
    /** A key field declared by the class: {@code static final StaticKey field = define*(name)}. */
    record KeyField(String field, String name, boolean initialValue) {}

    /** One site of {@code method}; {@code shape} is {@code ifeq}, {@code ifne} or {@code value}. */
    record Site(String method, String descriptor, int line, String keyOwner, String keyField, String shape) {}

    final String className;
    final List<KeyField> keys;
    final List<Site> sites;

    private ClassFileRecords(String className, List<KeyField> keys, List<Site> sites) {
        this.className = className;
        this.keys = keys;
        this.sites = sites;
    }

    /**
     * Reads {@code bytes}.
     *
     * @throws IllegalArgumentException if it is not a well-formed class file
     */
    static ClassFileRecords read(byte[] bytes) {
        Reader reader = new Reader();
        try {
            new ClassReader(bytes).accept(reader, 0);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("unreadable class file: " + e, e);
        }
        return new ClassFileRecords(reader.className, reader.keys, reader.sites);
    }

    private static final class Reader extends ClassVisitor {
        private int version;
        private String className;
        private final Set<String> staticFinalKeyFields = new HashSet<>();
        private final List<KeyField> keys = new ArrayList<>();
        private final List<Site> sites = new ArrayList<>();

        Reader() {
            super(Opcodes.ASM9);
        }

        @Override
        public void visit(int version, int access, String name, String signature, String superName,
                String[] interfaces) {
            this.version = version & 0xFFFF;
            this.className = name;
        }

        @Override
        public FieldVisitor visitField(int access, String name, String descriptor, String signature, Object value) {
            int staticFinal = Opcodes.ACC_STATIC | Opcodes.ACC_FINAL;
            if (SiteNames.DESC_STATIC_KEY.equals(descriptor) && (access & staticFinal) == staticFinal) {
                staticFinalKeyFields.add(name);
            }
            return null;
        }

        @Override
        public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                String[] exceptions) {
            MethodVisitor rest = "<clinit>".equals(name) ? new KeyDefinitions() : null;
            SiteRecognizer.Listener found = site -> sites.add(new Site(name, descriptor, site.line(),
                    site.field().owner(), site.field().name(), site.shape()));
            return new SiteRecognizer(rest, found, version, null).entry();
        }

        /** Sees the static initializer's instructions that are not sites; records each key definition. */
        private final class KeyDefinitions extends InstructionHook {
            private String literal;        // after ldc "..."
            private Boolean initialValue;  // after ldc "..."; invokestatic define*

            KeyDefinitions() {
                super(null);
            }

            @Override
            protected void beforeInstruction() {
                literal = null;
                initialValue = null;
            }

            @Override
            public void visitLdcInsn(Object value) {
                beforeInstruction();
                if (value instanceof String) {
                    literal = (String) value;
                }
            }

            @Override
            public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
                String name0 = literal;
                beforeInstruction();
                if (opcode == Opcodes.INVOKESTATIC && name0 != null && SiteNames.TYPE_STATIC_KEY.equals(owner)
                        && SiteNames.DESC_DEFINE.equals(descriptor)
                        && (SiteNames.METHOD_DEFINE_FALSE.equals(name) || SiteNames.METHOD_DEFINE_TRUE.equals(name))) {
                    literal = name0;
                    initialValue = SiteNames.METHOD_DEFINE_TRUE.equals(name);
                }
            }

            @Override
            public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
                if (opcode == Opcodes.PUTSTATIC && initialValue != null && owner.equals(className)
                        && SiteNames.DESC_STATIC_KEY.equals(descriptor) && staticFinalKeyFields.contains(name)) {
                    keys.add(new KeyField(name, literal, initialValue));
                }
                beforeInstruction();
            }
        }
    }
}
