package dev.statickeys.processor;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads one class file, as {@code javac} just wrote it, for what the site table records: the key fields
 * it declares ({@code ldc "name"; invokestatic StaticKey.defineFalse|defineTrue; putstatic} in its
 * static initializer) and its sites ({@code getstatic F:StaticKey; invokevirtual isEnabled()Z}, then
 * {@code ifeq}/{@code ifne} for a branch site or anything else for a value site). The rule is the
 * agent's: a site whose two instructions are split by a jump target, an exception range boundary or a
 * stack map frame is not a site, and a site whose {@code ifeq}/{@code ifne} is preceded by one is a value
 * site. Before class file version 51, where jump targets need not carry frames, line-number and
 * local-variable boundaries split sites too. A small reader of its own, because the api jar has no
 * dependencies.
 */
final class ClassFileSites {
    private static final String STATIC_KEY = "dev/statickeys/StaticKey";
    private static final String KEY_DESCRIPTOR = "L" + STATIC_KEY + ";";

    /** A key field declared by the class: {@code static final StaticKey field = define*(name)}. */
    static final class KeyField {
        final String field;
        final String name;
        final boolean initialValue;

        KeyField(String field, String name, boolean initialValue) {
            this.field = field;
            this.name = name;
            this.initialValue = initialValue;
        }
    }

    /** One site. {@code sense} is "ifeq" or "ifne" for a branch site, null for a value site. */
    static final class Site {
        final String method;
        final String descriptor;
        final int line;
        final String keyOwner;
        final String keyField;
        final String sense;

        Site(String method, String descriptor, int line, String keyOwner, String keyField, String sense) {
            this.method = method;
            this.descriptor = descriptor;
            this.line = line;
            this.keyOwner = keyOwner;
            this.keyField = keyField;
            this.sense = sense;
        }
    }

    final String className;
    final List<KeyField> keys = new ArrayList<>();
    final List<Site> sites = new ArrayList<>();

    private final ByteBuffer in;
    private final int major;
    private Object[] pool;
    private final Set<String> staticFinalKeyFields = new HashSet<>();

    private ClassFileSites(byte[] bytes) {
        this.in = ByteBuffer.wrap(bytes);
        if (in.getInt() != 0xCAFEBABE) {
            throw new IllegalArgumentException("not a class file");
        }
        in.getShort(); // minor
        major = in.getShort() & 0xFFFF;
        readPool();
        in.getShort(); // access
        className = (String) pool[u2()];
        in.getShort(); // super
        skip(2 * u2());
        readFields();
        int methods = u2();
        for (int i = 0; i < methods; i++) {
            readMethod();
        }
    }

    /**
     * Reads {@code bytes}.
     *
     * @throws IllegalArgumentException if it is not a well-formed class file
     */
    static ClassFileSites read(byte[] bytes) {
        try {
            return new ClassFileSites(bytes);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("unreadable class file: " + e, e);
        }
    }

    private void readPool() {
        int count = u2();
        pool = new Object[count];
        for (int i = 1; i < count; i++) {
            int tag = in.get() & 0xFF;
            int start = in.position();
            switch (tag) {
                case 1: // Utf8
                    pool[i] = utf8(u2());
                    break;
                case 7: case 8: case 16: case 19: case 20: // Class, String, MethodType, Module, Package
                    pool[i] = new int[] {tag, u2()};
                    break;
                case 9: case 10: case 11: case 12: case 17: case 18: // refs, NameAndType, dynamic
                    pool[i] = new int[] {tag, u2(), u2()};
                    break;
                case 3: case 4:
                    skip(4);
                    break;
                case 5: case 6:
                    skip(8);
                    i++;
                    break;
                case 15:
                    skip(3);
                    break;
                default:
                    throw new IllegalArgumentException("constant pool tag " + tag + " at " + (start - 1));
            }
        }
        // Resolve Class entries to their names for quick access.
        for (int i = 1; i < count; i++) {
            if (pool[i] instanceof int[] && ((int[]) pool[i])[0] == 7) {
                pool[i] = pool[((int[]) pool[i])[1]];
            }
        }
    }

    private void readFields() {
        int fields = u2();
        for (int i = 0; i < fields; i++) {
            int access = u2();
            String name = (String) pool[u2()];
            String descriptor = (String) pool[u2()];
            if (descriptor.equals(KEY_DESCRIPTOR) && (access & 0x0018) == 0x0018) {
                staticFinalKeyFields.add(name);
            }
            skipAttributes();
        }
    }

    private void readMethod() {
        in.getShort(); // access
        String name = (String) pool[u2()];
        String descriptor = (String) pool[u2()];
        int attributes = u2();
        for (int i = 0; i < attributes; i++) {
            String attribute = (String) pool[u2()];
            int length = in.getInt();
            int end = in.position() + length;
            if (attribute.equals("Code")) {
                readCode(name, descriptor);
            }
            in.position(end);
        }
    }

    private void readCode(String method, String descriptor) {
        skip(4); // max_stack, max_locals
        int length = in.getInt();
        int codeStart = in.position();
        in.position(codeStart + length);
        Set<Integer> boundaries = new HashSet<>();
        int handlers = u2();
        for (int i = 0; i < handlers; i++) {
            boundaries.add(u2());
            boundaries.add(u2());
            boundaries.add(u2());
            u2();
        }
        int[] lines = new int[length + 1];
        Arrays.fill(lines, -1);
        int attributes = u2();
        for (int i = 0; i < attributes; i++) {
            String attribute = (String) pool[u2()];
            int attributeLength = in.getInt();
            int end = in.position() + attributeLength;
            if (attribute.equals("LineNumberTable")) {
                int entries = u2();
                for (int e = 0; e < entries; e++) {
                    int pc = u2();
                    int line = u2();
                    if (major < 51) {
                        boundaries.add(pc);
                    }
                    lines[pc] = line;
                }
            } else if (major < 51 && (attribute.equals("LocalVariableTable")
                    || attribute.equals("LocalVariableTypeTable"))) {
                int entries = u2();
                for (int e = 0; e < entries; e++) {
                    int pc = u2();
                    boundaries.add(pc);
                    boundaries.add(pc + u2());
                    skip(6);
                }
            } else if (attribute.equals("StackMapTable")) {
                boundaries.addAll(StackMapOffsets.of(in, u2()));
            }
            in.position(end);
        }
        int afterCode = in.position();
        scanInstructions(method, descriptor, codeStart, length, boundaries, lines);
        in.position(afterCode);
    }

    private void scanInstructions(String method, String descriptor, int codeStart, int length, Set<Integer> boundaries,
            int[] lines) {
        byte[] code = new byte[length];
        in.position(codeStart);
        in.get(code);
        List<Integer> starts = new ArrayList<>();
        for (int pc = 0; pc < length; pc += Opcodes.length(code, pc)) {
            starts.add(pc);
            boundaries.addAll(Opcodes.targets(code, pc));
        }
        int line = -1;
        String pendingName = null;
        for (int i = 0; i < starts.size(); i++) {
            int pc = starts.get(i);
            if (lines[pc] >= 0) {
                line = lines[pc];
            }
            int op = code[pc] & 0xFF;
            if (method.equals("<clinit>") && op == Opcodes.INVOKESTATIC && i + 1 < starts.size()) {
                pendingName = keyDeclaration(code, starts, i, pendingName);
            } else if (op == Opcodes.LDC || op == Opcodes.LDC_W) {
                int index = op == Opcodes.LDC ? code[pc + 1] & 0xFF : u2(code, pc + 1);
                Object constant = pool[index];
                pendingName = constant instanceof int[] && ((int[]) constant)[0] == 8
                        ? (String) pool[((int[]) constant)[1]] : null;
                continue;
            }
            if (op == Opcodes.GETSTATIC && i + 1 < starts.size()) {
                Ref field = ref(u2(code, pc + 1));
                int next = starts.get(i + 1);
                if (field.descriptor.equals(KEY_DESCRIPTOR) && (code[next] & 0xFF) == Opcodes.INVOKEVIRTUAL
                        && !boundaries.contains(next) && ref(u2(code, next + 1)).is(STATIC_KEY, "isEnabled", "()Z")) {
                    String sense = null;
                    if (i + 2 < starts.size() && !boundaries.contains(starts.get(i + 2))) {
                        int after = code[starts.get(i + 2)] & 0xFF;
                        sense = after == Opcodes.IFEQ ? "ifeq" : after == Opcodes.IFNE ? "ifne" : null;
                    }
                    sites.add(new Site(method, descriptor, line, field.owner, field.name, sense));
                }
            }
            if (op != Opcodes.INVOKESTATIC) {
                pendingName = null;
            }
        }
    }

    /** A field or method reference from the constant pool. */
    private static final class Ref {
        final String owner;
        final String name;
        final String descriptor;

        Ref(String owner, String name, String descriptor) {
            this.owner = owner;
            this.name = name;
            this.descriptor = descriptor;
        }

        boolean is(String owner, String name, String descriptor) {
            return this.owner.equals(owner) && this.name.equals(name) && this.descriptor.equals(descriptor);
        }
    }

    private Ref ref(int index) {
        int[] ref = (int[]) pool[index];
        int[] nameAndType = (int[]) pool[ref[2]];
        return new Ref((String) pool[ref[1]], (String) pool[nameAndType[1]], (String) pool[nameAndType[2]]);
    }

    /** {@code ldc name; invokestatic define*; putstatic This.F}: records the key; returns the name left pending. */
    private String keyDeclaration(byte[] code, List<Integer> starts, int i, String pendingName) {
        Ref call = ref(u2(code, starts.get(i) + 1));
        String defineDescriptor = "(Ljava/lang/String;)" + KEY_DESCRIPTOR;
        boolean initialValue = call.is(STATIC_KEY, "defineTrue", defineDescriptor);
        boolean define = initialValue || call.is(STATIC_KEY, "defineFalse", defineDescriptor);
        int next = starts.get(i + 1);
        if (define && pendingName != null && (code[next] & 0xFF) == Opcodes.PUTSTATIC) {
            Ref field = ref(u2(code, next + 1));
            if (field.descriptor.equals(KEY_DESCRIPTOR) && field.owner.equals(className)
                    && staticFinalKeyFields.contains(field.name)) {
                keys.add(new KeyField(field.name, pendingName, initialValue));
            }
        }
        return null;
    }

    private void skipAttributes() {
        int attributes = u2();
        for (int i = 0; i < attributes; i++) {
            u2();
            skip(in.getInt());
        }
    }

    private int u2() {
        return in.getShort() & 0xFFFF;
    }

    private static int u2(byte[] code, int at) {
        return ((code[at] & 0xFF) << 8) | (code[at + 1] & 0xFF);
    }

    private void skip(int bytes) {
        in.position(in.position() + bytes);
    }

    private String utf8(int length) {
        byte[] bytes = new byte[length];
        in.get(bytes);
        // Modified UTF-8 differs from UTF-8 only for NUL and supplementary characters, which names of
        // keys, classes and members here never contain.
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
