package dev.statickeys.agent.jvm;

import dev.statickeys.agent.table.RecordedClass;
import dev.statickeys.agent.table.RecordedKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Checks a class's table record against its class file with the agent's own rules: the key fields
 * {@link ClassScan} resolves and the sites {@link SiteRecognizer} finds must be exactly the recorded ones.
 * For the {@code sites --verify} tool and the tests; the agent itself checks sites as it patches.
 */
public final class TableVerifier {
    private TableVerifier() {}

    /**
     * @return one message per disagreement, empty when the record matches the class file
     * @throws IllegalArgumentException if {@code classFile} is not a readable class file
     */
    public static List<String> verify(RecordedClass recorded, byte[] classFile) {
        ClassScan scan = scan(classFile);
        List<String> problems = new ArrayList<>();
        String className = scan.className.replace('/', '.');
        if (!className.equals(recorded.name)) {
            problems.add("class " + recorded.name + ": the class file holds " + className);
            return problems;
        }
        Map<String, String> recordedKeys = new TreeMap<>();
        for (RecordedKey key : recorded.keys()) {
            recordedKeys.put(key.field(), describe(key.name(), key.initialValue()));
        }
        Map<String, String> foundKeys = new TreeMap<>();
        scan.keyFields.forEach((field, key) -> foundKeys.put(field, describe(key.name(), key.initialValue())));
        if (!recordedKeys.equals(foundKeys)) {
            problems.add("class " + recorded.name + ": the site table records the key fields " + recordedKeys
                    + " but the class file declares " + foundKeys);
        }
        TableCheck check = new TableCheck(recorded);
        ClassPatcher.check(classFile, check);
        problems.addAll(check.mismatches());
        return problems;
    }

    /** Whether the class has sites the agent would patch. */
    public static boolean hasSites(byte[] classFile) {
        ClassScan scan = scan(classFile);
        if (!scan.hasSites()) {
            return false;
        }
        TableCheck check = new TableCheck(scan.className, List.of());
        ClassPatcher.check(classFile, check);
        return check.foundCount() > 0;
    }

    /** The class's binary name. */
    public static String className(byte[] classFile) {
        return scan(classFile).className.replace('/', '.');
    }

    private static ClassScan scan(byte[] classFile) {
        try {
            return ClassScan.of(classFile);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a readable class file (" + e + ")", e);
        }
    }

    private static String describe(String name, boolean initialValue) {
        return name + "=" + initialValue;
    }
}
