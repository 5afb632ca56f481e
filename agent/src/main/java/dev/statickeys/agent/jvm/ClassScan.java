package dev.statickeys.agent.jvm;

import static dev.statickeys.agent.jvm.ApiNames.CLINIT;
import static dev.statickeys.agent.jvm.ApiNames.DESC_DEFINE;
import static dev.statickeys.agent.jvm.ApiNames.DESC_STATIC_KEY;
import static dev.statickeys.agent.jvm.ApiNames.METHOD_DEFINE_FALSE;
import static dev.statickeys.agent.jvm.ApiNames.METHOD_DEFINE_TRUE;
import static dev.statickeys.agent.jvm.ApiNames.TYPE_STATIC_KEY;

import dev.statickeys.internal.core.KeyRegistry;
import dev.statickeys.siterule.KeyField;
import dev.statickeys.siterule.Site;
import dev.statickeys.siterule.SiteRecognizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * One cheap read of a class file (no debug information, frames as stored): the key fields it declares and
 * how they are initialized, and its sites as the one {@link SiteRecognizer} finds them, the one the
 * patcher and the table check use. Frames are read because they are how the recognizer tells a jump
 * target inside a site from a label that is not one. Without debug information, a class file older than
 * version 51 (which the recognizer splits at every label) may show the scan a site that a line number
 * splits for the patcher: the scan's sites then include the patcher's, never the other way round.
 *
 * <p>A key field is recognised where {@code <clinit>} assigns it exactly once, with
 * <pre>
 *   ldc "name"
 *   invokestatic StaticKey.defineFalse|defineTrue(String)
 *   [dup; ldc "..."; invokestatic kotlin/jvm/internal/Intrinsics.checkNotNullExpressionValue(Object, String)]
 *   putstatic Owner.FIELD
 * </pre>
 * The bracketed null check is what Kotlin writes for a key declared with its type
 * ({@code @JvmField val K: StaticKey = StaticKey.defineTrue("k")}); it leaves the stack as it found it and
 * only throws if the define call returned null, which it never does.
 */
final class ClassScan {
    int version;
    String className;
    /** The direct superclass (null for {@code java/lang/Object} and modules) and superinterfaces. */
    String superName;
    String[] interfaces = new String[0];
    /** Key fields declared static final and initialized by {@code defineFalse/defineTrue("literal")}. */
    final Map<String, KeyDef> keyFields = new LinkedHashMap<>();
    /** Key fields of this class that cannot be resolved, with the reason. */
    final Map<String, String> keyFieldProblems = new LinkedHashMap<>();
    /** Fields read by sites. */
    final Set<KeyField> siteFields = new LinkedHashSet<>();
    /** Sites per field in {@link #siteFields}. */
    private final Map<KeyField, Integer> sitesPerField = new HashMap<>();
    /** Methods (name + descriptor) that contain sites. */
    final Set<String> siteMethods = new HashSet<>();
    /**
     * Of {@link #siteMethods}, those large enough to hold a block {@link BlockOutliner} may move
     * ({@link BlockOutliner#MIN_METHOD_BYTES}): the patcher collects only these into a tree, and a class
     * whose methods with sites are all small never loads ASM's tree classes.
     */
    final Set<String> largeSiteMethods = new HashSet<>();
    /**
     * Whether a method other than the static initializer may run some of its code twice in one call: it
     * jumps backwards, has an exception handler before the end of the range it covers, or returns from a
     * subroutine. Only then can a frame of the class run for long on its own code, which a retransformation
     * would leave interpreted ({@link HolderMigration}); a frame of any other class runs each of its
     * instructions at most once more.
     */
    boolean mayLoop;
    /** The names of the class's methods, and of its final fields (for {@link BlockOutliner}). */
    final Set<String> methodNames = new HashSet<>();
    final Set<String> finalFields = new HashSet<>();

    private static final String TYPE_KOTLIN_INTRINSICS = "kotlin/jvm/internal/Intrinsics";
    private static final String METHOD_KOTLIN_NULL_CHECK = "checkNotNullExpressionValue";
    private static final String DESC_KOTLIN_NULL_CHECK = "(Ljava/lang/Object;Ljava/lang/String;)V";

    private final Map<String, Integer> keyFieldAccess = new LinkedHashMap<>();
    private final Set<String> assignedTwice = new HashSet<>();

    static ClassScan of(byte[] bytes) {
        ClassScan scan = new ClassScan();
        new ClassReader(bytes).accept(scan.new Reader(), ClassReader.SKIP_DEBUG);
        scan.finish();
        return scan;
    }

    /** The sites reading {@code field}. */
    int sitesOf(KeyField field) {
        return sitesPerField.getOrDefault(field, 0);
    }

    boolean hasSites() {
        return !siteFields.isEmpty();
    }

    private void finish() {
        for (Map.Entry<String, Integer> field : keyFieldAccess.entrySet()) {
            String name = field.getKey();
            int access = field.getValue();
            if ((access & Opcodes.ACC_STATIC) == 0 || (access & Opcodes.ACC_FINAL) == 0) {
                keyFields.remove(name);
                keyFieldProblems.put(name, "the field is not static final");
            } else if (assignedTwice.contains(name)) {
                keyFields.remove(name);
                keyFieldProblems.put(name, "the static initializer assigns it more than once");
            } else if (!keyFields.containsKey(name) && !keyFieldProblems.containsKey(name)) {
                keyFieldProblems.put(name, "the static initializer does not assign it with"
                        + " StaticKey.defineFalse/defineTrue(\"literal\")");
            }
        }
        for (String name : keyFields.keySet()) {
            if (!keyFieldAccess.containsKey(name)) {
                keyFieldProblems.put(name, "no such field declared");
            }
        }
        keyFields.keySet().removeAll(keyFieldProblems.keySet());
    }

    private final class Reader extends ClassVisitor {
        Reader() {
            super(Opcodes.ASM9);
        }

        @Override
        public void visit(int version, int access, String name, String signature, String superName,
                String[] interfaces) {
            ClassScan.this.version = version & 0xFFFF;
            className = name;
            ClassScan.this.superName = superName;
            ClassScan.this.interfaces = interfaces == null ? new String[0] : interfaces;
        }

        @Override
        public FieldVisitor visitField(int access, String name, String descriptor, String signature, Object value) {
            if (DESC_STATIC_KEY.equals(descriptor)) {
                keyFieldAccess.put(name, access);
            }
            if ((access & Opcodes.ACC_FINAL) != 0) {
                finalFields.add(name);
            }
            return null;
        }

        @Override
        public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                String[] exceptions) {
            methodNames.add(name);
            Instructions instructions = new Instructions(name);
            String method = name + descriptor;
            SiteRecognizer.Listener found = new SiteFound(instructions, method);
            return new CodeSize(new SiteRecognizer(instructions, found, version, null).entry()) {
                @Override
                public void visitEnd() {
                    super.visitEnd(); // the recognizer may still report a site here
                    if (bytes() >= BlockOutliner.MIN_METHOD_BYTES && siteMethods.contains(method)) {
                        largeSiteMethods.add(method);
                    }
                }
            };
        }
    }

    /**
     * Records each site the recognizer finds in one method. A class, not a lambda: the scan of the first class
     * with sites is on the agent's start path (see the agent's package comment).
     */
    private final class SiteFound implements SiteRecognizer.Listener {
        private final Instructions instructions;
        private final String method;

        SiteFound(Instructions instructions, String method) {
            this.instructions = instructions;
            this.method = method;
        }

        @Override
        public void visitSite(Site site) {
            instructions.jumpsTo(site.target());
            siteFields.add(site.field());
            Integer sites = sitesPerField.get(site.field());
            sitesPerField.put(site.field(), sites == null ? 1 : sites + 1);
            siteMethods.add(method);
            instructions.reset(); // the site's instructions are not passed on: they end any definition
        }
    }

    /**
     * Tracks the last instructions to recognise the definition pattern; sees every instruction that is not
     * part of a site.
     */
    private final class Instructions extends MethodVisitor {
        private final boolean clinit;
        private String literal;         // after ldc "..."
        private Boolean definedValue;   // after ldc + invokestatic define*
        private int nullCheck;          // instructions of Kotlin's null check seen after the define call (0-3)
        /** Labels visited so far, in order: a jump to one of them goes backwards. */
        private final Map<Label, Integer> visited = new HashMap<>();
        private final List<Label[]> handlers = new ArrayList<>(); // {end, handler} of each exception range
        private boolean backwards;

        Instructions(String name) {
            super(Opcodes.ASM9);
            this.clinit = CLINIT.equals(name);
        }

        private void reset() {
            literal = null;
            definedValue = null;
            nullCheck = 0;
        }

        @Override
        public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
            if (opcode == Opcodes.PUTSTATIC && DESC_STATIC_KEY.equals(descriptor) && owner.equals(className)) {
                recordAssignment(name);
            }
            reset();
        }

        private void recordAssignment(String field) {
            if (!clinit) {
                return; // a final static field can only be assigned in <clinit>; the JVM rejects anything else
            }
            if (keyFields.containsKey(field) || keyFieldProblems.containsKey(field)) {
                assignedTwice.add(field);
            } else if (defined() && KeyRegistry.isValidName(literal)) {
                keyFields.put(field, new KeyDef(literal, definedValue));
            } else if (defined()) {
                keyFieldProblems.put(field, "the key name \"" + literal + "\" is not valid");
            } else {
                keyFieldProblems.put(field, "the static initializer does not assign it with"
                        + " StaticKey.defineFalse/defineTrue(\"literal\")");
            }
        }

        /** Whether the value on the stack is a define call's result, with Kotlin's null check complete or absent. */
        private boolean defined() {
            return definedValue != null && literal != null && (nullCheck == 0 || nullCheck == 3);
        }

        @Override
        public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
            if (nullCheck == 2 && opcode == Opcodes.INVOKESTATIC && TYPE_KOTLIN_INTRINSICS.equals(owner)
                    && METHOD_KOTLIN_NULL_CHECK.equals(name) && DESC_KOTLIN_NULL_CHECK.equals(descriptor)) {
                nullCheck = 3;
                return;
            }
            String name0 = literal;
            reset();
            if (opcode == Opcodes.INVOKESTATIC && name0 != null && TYPE_STATIC_KEY.equals(owner)
                    && DESC_DEFINE.equals(descriptor)
                    && (METHOD_DEFINE_FALSE.equals(name) || METHOD_DEFINE_TRUE.equals(name))) {
                literal = name0;
                definedValue = METHOD_DEFINE_TRUE.equals(name);
            }
        }

        @Override
        public void visitLdcInsn(Object value) {
            if (nullCheck == 1 && value instanceof String) {
                nullCheck = 2; // the null check's message; the key's name stays the one given to define
                return;
            }
            reset();
            if (value instanceof String) {
                literal = (String) value;
            }
        }

        @Override
        public void visitInsn(int opcode) {
            if (opcode == Opcodes.DUP && nullCheck == 0 && definedValue != null) {
                nullCheck = 1;
                return;
            }
            reset();
        }

        @Override
        public void visitIntInsn(int opcode, int operand) {
            reset();
        }

        @Override
        public void visitVarInsn(int opcode, int varIndex) {
            backwards |= opcode == Opcodes.RET; // a subroutine returns to any of its callers
            reset();
        }

        @Override
        public void visitTypeInsn(int opcode, String type) {
            reset();
        }

        /** Notes a jump (or a site's) to {@code target}, null for none. */
        void jumpsTo(Label target) {
            backwards |= target != null && visited.containsKey(target);
        }

        @Override
        public void visitJumpInsn(int opcode, Label label) {
            jumpsTo(label);
            reset();
        }

        @Override
        public void visitTryCatchBlock(Label start, Label end, Label handler, String type) {
            handlers.add(new Label[] {end, handler});
        }

        @Override
        public void visitEnd() {
            for (Label[] range : handlers) {
                Integer end = visited.get(range[0]);
                Integer handler = visited.get(range[1]);
                backwards |= end == null || handler == null || handler < end;
            }
            mayLoop |= backwards && !clinit;
        }

        @Override
        public void visitIincInsn(int varIndex, int increment) {
            reset();
        }

        @Override
        public void visitTableSwitchInsn(int min, int max, Label dflt, Label... labels) {
            switchesTo(dflt, labels);
        }

        @Override
        public void visitLookupSwitchInsn(Label dflt, int[] keys, Label[] labels) {
            switchesTo(dflt, labels);
        }

        private void switchesTo(Label dflt, Label[] labels) {
            jumpsTo(dflt);
            for (Label label : labels) {
                jumpsTo(label);
            }
            reset();
        }

        @Override
        public void visitMultiANewArrayInsn(String descriptor, int numDimensions) {
            reset();
        }

        @Override
        public void visitInvokeDynamicInsn(String name, String descriptor, Handle bootstrapMethodHandle,
                Object... bootstrapMethodArguments) {
            reset();
        }

        @Override
        public void visitLabel(Label label) {
            visited.putIfAbsent(label, visited.size());
            reset(); // a jump target between the parts means the code is not the plain pattern
        }
    }
}
