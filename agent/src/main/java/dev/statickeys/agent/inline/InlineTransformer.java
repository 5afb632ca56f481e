package dev.statickeys.agent.inline;

import static dev.statickeys.agent.inline.ApiNames.AGENT_PACKAGE;
import static dev.statickeys.agent.inline.ApiNames.TYPE_STATIC_KEY;

import dev.statickeys.agent.Reports;
import dev.statickeys.agent.core.JumpLabels;
import java.lang.System.Logger.Level;
import java.lang.instrument.ClassFileTransformer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.ProtectionDomain;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import org.objectweb.asm.Opcodes;

/**
 * The inline backend's transformer: a pure function of a class's original bytes and the keys' applied
 * states. Classes that do not mention {@code dev/statickeys/StaticKey} are passed over after a byte
 * search, without parsing. Never throws and never loads a class.
 */
public final class InlineTransformer implements ClassFileTransformer {
    private static final byte[] KEY_TYPE = TYPE_STATIC_KEY.getBytes(StandardCharsets.UTF_8);

    private final JumpLabels core;
    private final KeyFields keyFields = new KeyFields();
    private final ClassDump dump;
    private final Set<Class<?>> plainOnly = Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

    public InlineTransformer(JumpLabels core, Path dumpDirectory) {
        this.core = core;
        this.dump = dumpDirectory == null ? null : new ClassDump(dumpDirectory);
    }

    /**
     * From now on, {@code type}'s sites are left as plain checks (only the initializer hook is added):
     * used when the JVM refused its patched form.
     */
    public void keepPlain(Class<?> type) {
        plainOnly.add(type);
    }

    @Override
    public byte[] transform(ClassLoader loader, String className, Class<?> classBeingRedefined,
            ProtectionDomain protectionDomain, byte[] classfileBuffer) {
        if (className == null || className.startsWith(AGENT_PACKAGE) || !contains(classfileBuffer, KEY_TYPE)) {
            return null;
        }
        try {
            return transform(loader, className, classBeingRedefined, classfileBuffer);
        } catch (Throwable e) {
            if (e instanceof VirtualMachineError) {
                throw (VirtualMachineError) e;
            }
            Reports.once("transform:" + className, Level.WARNING, "class " + className.replace('/', '.')
                    + ": sites stay plain checks: the transformer failed: " + e);
            return hookOnly(className, classfileBuffer);
        }
    }

    private byte[] transform(ClassLoader loader, String className, Class<?> redefined, byte[] original) {
        ClassScan scan = ClassScan.of(original);
        keyFields.remember(loader, className, scan);
        if (!scan.hasSites()) {
            return null;
        }
        if (scan.version < Opcodes.V1_5) {
            Reports.once("version:" + className, Level.INFO, "class " + className.replace('/', '.')
                    + ": sites stay plain checks: class file version " + scan.version + " is older than Java 5");
            return null;
        }
        Map<String, Boolean> fieldStates = new LinkedHashMap<>();
        Map<String, Boolean> keyStates = new LinkedHashMap<>();
        if (redefined == null || !plainOnly.contains(redefined)) {
            resolveStates(loader, scan, fieldStates, keyStates);
        }
        ClassPatcher.Result result = ClassPatcher.patch(original, scan, fieldStates);
        if (redefined == null) {
            core.loaded(loader, className, keyStates);
        }
        if (dump != null) {
            dump.write(className, result.bytes);
        }
        return result.bytes;
    }

    private void resolveStates(ClassLoader loader, ClassScan scan, Map<String, Boolean> fieldStates,
            Map<String, Boolean> keyStates) {
        for (String field : scan.siteFields) {
            int dot = field.lastIndexOf('.');
            String owner = field.substring(0, dot);
            KeyFields.Resolution resolution = keyFields.resolve(loader, owner, field.substring(dot + 1));
            if (resolution.key == null) {
                Reports.once("field:" + scan.className + ":" + field, Level.INFO, "class "
                        + scan.className.replace('/', '.') + ": sites reading " + field.replace('/', '.')
                        + " stay plain checks: " + resolution.problem);
                continue;
            }
            boolean state = core.appliedState(resolution.key.name, resolution.key.initialValue);
            fieldStates.put(field, state);
            keyStates.put(resolution.key.name, state);
        }
    }

    /** The class with the initializer hook and nothing else changed, or null if even that fails. */
    private byte[] hookOnly(String className, byte[] original) {
        try {
            ClassScan scan = ClassScan.of(original);
            return scan.hasSites() && scan.version >= Opcodes.V1_5
                    ? ClassPatcher.patch(original, scan, Map.of()).bytes : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Whether {@code bytes} contains {@code pattern}; the class file's constant pool holds the type name. */
    static boolean contains(byte[] bytes, byte[] pattern) {
        byte first = pattern[0];
        int last = bytes.length - pattern.length;
        outer:
        for (int i = 0; i <= last; i++) {
            if (bytes[i] != first) {
                continue;
            }
            for (int j = 1; j < pattern.length; j++) {
                if (bytes[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
