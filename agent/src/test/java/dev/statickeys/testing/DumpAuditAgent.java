package dev.statickeys.testing;

import java.io.IOException;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A second agent, placed after statickeys on the command line (agent argument: statickeys' dump
 * directory), that checks {@code dump=}'s promise: every class file the agent hands to the JVM is in the
 * dump directory, byte for byte, when the JVM gets it. A retransformation-incapable transformer (run
 * before every capable one) keeps the original bytes of each class that mentions statickeys; a capable
 * transformer registered after statickeys' sees what statickeys returned, and where that differs from
 * the original, reads the dump. At exit it prints
 * {@code dump audit: <n> classes changed, <m> without an identical dump} and each such class.
 */
public final class DumpAuditAgent {
    private static final byte[] MARK = "dev/statickeys/".getBytes(StandardCharsets.UTF_8);

    private DumpAuditAgent() {}

    public static void premain(String directory, Instrumentation instrumentation) {
        Path dumps = Path.of(directory);
        Map<ClassLoader, Map<String, byte[]>> originals = Collections.synchronizedMap(new WeakHashMap<>());
        Map<String, byte[]> bootOriginals = Collections.synchronizedMap(new HashMap<>());
        AtomicInteger changed = new AtomicInteger();
        List<String> problems = Collections.synchronizedList(new ArrayList<>());
        instrumentation.addTransformer(new ClassFileTransformer() {
            @Override
            public byte[] transform(ClassLoader loader, String className, Class<?> redefined, ProtectionDomain domain,
                    byte[] bytes) {
                if (className != null && redefined == null && mentionsStaticKeys(className, bytes)) {
                    Map<String, byte[]> ofLoader = loader == null ? bootOriginals
                            : originals.computeIfAbsent(loader, l -> Collections.synchronizedMap(new HashMap<>()));
                    ofLoader.put(className, bytes.clone());
                }
                return null;
            }
        }, false);
        instrumentation.addTransformer(new ClassFileTransformer() {
            @Override
            public byte[] transform(ClassLoader loader, String className, Class<?> redefined, ProtectionDomain domain,
                    byte[] bytes) {
                if (className == null || !mentionsStaticKeys(className, bytes)) {
                    return null;
                }
                Map<String, byte[]> ofLoader = loader == null ? bootOriginals : originals.get(loader);
                byte[] original = ofLoader == null ? null : ofLoader.get(className);
                if (original != null && Arrays.equals(original, bytes)) {
                    return null; // statickeys left it as it was
                }
                changed.incrementAndGet();
                String problem = original == null ? "no original bytes recorded" : dumpProblem(dumps, className, bytes);
                if (problem != null) {
                    problems.add(className + (redefined == null ? " (load)" : " (retransformation)") + ": " + problem);
                }
                return null;
            }
        }, true);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            synchronized (problems) {
                System.err.println("dump audit: " + changed.get() + " classes changed, " + problems.size()
                        + " without an identical dump");
                problems.forEach(problem -> System.err.println("dump audit: " + problem));
            }
        }));
    }

    private static String dumpProblem(Path dumps, String className, byte[] bytes) {
        Path file = dumps.resolve(className + ".class");
        try {
            if (!Files.isRegularFile(file)) {
                return "no dump " + file;
            }
            return Arrays.equals(Files.readAllBytes(file), bytes) ? null : "dump " + file + " differs";
        } catch (IOException e) {
            return "dump " + file + " unreadable: " + e;
        }
    }

    /** Whether statickeys could touch the class: its name or its constant pool mentions statickeys. */
    private static boolean mentionsStaticKeys(String className, byte[] bytes) {
        if (className.startsWith("dev/statickeys/")) {
            return true;
        }
        outer:
        for (int i = 0; i <= bytes.length - MARK.length; i++) {
            for (int j = 0; j < MARK.length; j++) {
                if (bytes[i + j] != MARK[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
