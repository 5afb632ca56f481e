package dev.statickeys.agent.jvm;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Resolves the key field a site reads ({@code Owner.FIELD}) to the key it holds, by reading the
 * owner's class file as a resource of the site's class loader and recognising
 * {@code static final StaticKey FIELD = StaticKey.defineFalse/defineTrue("literal")}.
 *
 * <p>Reading a resource never loads or initializes a class, so this is safe inside
 * {@code transform}. Results are cached per class loader (held weakly).
 */
final class KeyFields {
    private final Map<ClassLoader, ConcurrentHashMap<String, Owner>> cache = new WeakHashMap<>();
    private final ConcurrentHashMap<String, Owner> bootCache = new ConcurrentHashMap<>();

    /** What one class declares: resolvable key fields, and why the others are not. */
    static final class Owner {
        final Map<String, KeyDef> keys;
        final Map<String, String> problems;
        final String missing; // non-null when the class file could not be read

        Owner(Map<String, KeyDef> keys, Map<String, String> problems, String missing) {
            this.keys = keys;
            this.problems = problems;
            this.missing = missing;
        }

        static Owner of(ClassScan scan) {
            return new Owner(Map.copyOf(scan.keyFields), Map.copyOf(scan.keyFieldProblems), null);
        }
    }

    /** The outcome of resolving one field: a key, or the reason there is none. */
    static final class Resolution {
        final KeyDef key;
        final String problem;

        private Resolution(KeyDef key, String problem) {
            this.key = key;
            this.problem = problem;
        }
    }

    static Resolution resolved(KeyDef key) {
        return new Resolution(key, null);
    }

    static Resolution unresolved(String problem) {
        return new Resolution(null, problem);
    }

    /** Remembers what a class being transformed declares, saving a read when its fields are resolved. */
    void remember(ClassLoader loader, String owner, ClassScan scan) {
        owners(loader).put(owner, Owner.of(scan));
    }

    /** Resolves {@code owner.field} as seen from {@code loader}. */
    Resolution resolve(ClassLoader loader, String owner, String field) {
        Owner declared = owners(loader).computeIfAbsent(owner, o -> read(loader, o));
        if (declared.missing != null) {
            return unresolved(declared.missing);
        }
        KeyDef key = declared.keys.get(field);
        if (key != null) {
            return resolved(key);
        }
        String problem = declared.problems.get(field);
        return unresolved(problem != null ? problem : "no StaticKey field of that name is declared there");
    }

    private ConcurrentHashMap<String, Owner> owners(ClassLoader loader) {
        if (loader == null) {
            return bootCache;
        }
        synchronized (cache) {
            return cache.computeIfAbsent(loader, l -> new ConcurrentHashMap<>());
        }
    }

    private static Owner read(ClassLoader loader, String owner) {
        String resource = owner + ".class";
        try (InputStream in = loader == null ? ClassLoader.getSystemResourceAsStream(resource)
                : loader.getResourceAsStream(resource)) {
            if (in == null) {
                return new Owner(Map.of(), Map.of(), "its class file " + resource + " is not visible to the class loader");
            }
            return Owner.of(ClassScan.of(in.readAllBytes()));
        } catch (IOException | RuntimeException e) {
            return new Owner(Map.of(), Map.of(), "its class file " + resource + " cannot be read: " + e);
        }
    }
}
