package dev.statickeys.agent.jvm;

import dev.statickeys.internal.core.ConcurrentMaps;
import dev.statickeys.siterule.KeyField;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

    /**
     * What one class declares: resolvable key fields by name, why the others are not, and where an
     * inherited field is looked up (superinterfaces, then the superclass: JVMS 5.4.3.2); {@code missing}
     * is non-null when the class file could not be read, and says why.
     */
    record Owner(Map<String, KeyDef> keys, Map<String, String> problems, String missing, List<String> supertypes) {

        static Owner of(ClassScan scan) {
            List<String> supertypes = new ArrayList<>(List.of(scan.interfaces));
            if (scan.superName != null) {
                supertypes.add(scan.superName);
            }
            return new Owner(Map.copyOf(scan.keyFields), Map.copyOf(scan.keyFieldProblems), null,
                    List.copyOf(supertypes));
        }

        static Owner missing(String why) {
            return new Owner(Map.of(), Map.of(), why, List.of());
        }
    }

    /** The outcome of resolving one field: a key, or the reason there is none ({@code problem}). */
    record Resolution(KeyDef key, String problem) {}

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

    /**
     * Resolves {@code field} as seen from {@code loader}. A field the owner does not declare is
     * looked up as the JVM resolves fields: in its superinterfaces, then its superclass, recursively (javac
     * names the class of the reference, not the declaring one, when code reads an inherited key by its
     * simple name). Classes of the {@code java.} packages are not read: they declare no key.
     */
    Resolution resolve(ClassLoader loader, KeyField keyField) {
        String owner = keyField.owner();
        String field = keyField.name();
        Owner declared = owner(loader, owner);
        if (declared.missing() != null) {
            return unresolved(declared.missing());
        }
        if (declared.keys().containsKey(field) || declared.problems().containsKey(field)) {
            KeyDef key = declared.keys().get(field);
            return key != null ? resolved(key) : unresolved(declared.problems().get(field));
        }
        Resolution inherited = resolveInherited(loader, declared, field, new HashSet<>(Set.of(owner)));
        return inherited != null ? inherited : unresolved("no StaticKey field of that name is declared there");
    }

    /** The resolution of {@code field} in the first supertype declaring it, or null if none does. */
    private Resolution resolveInherited(ClassLoader loader, Owner owner, String field, Set<String> seen) {
        for (String supertype : owner.supertypes()) {
            if (supertype.startsWith("java/") || !seen.add(supertype)) {
                continue;
            }
            Owner declared = owner(loader, supertype);
            if (declared.missing() != null) {
                continue; // a supertype's class file out of sight: the field is not a key we can resolve there
            }
            KeyDef key = declared.keys().get(field);
            if (key != null) {
                return resolved(key);
            }
            String problem = declared.problems().get(field);
            if (problem != null) {
                return unresolved(problem + " (in " + supertype.replace('/', '.') + ")");
            }
            Resolution further = resolveInherited(loader, declared, field, seen);
            if (further != null) {
                return further;
            }
        }
        return null;
    }

    /**
     * What class {@code owner} declares, as {@code loader} sees it, read once (two racing threads may both read
     * it, and get the one the map kept). Resolution is on the agent's start path: no lambda here.
     */
    private Owner owner(ClassLoader loader, String owner) {
        ConcurrentHashMap<String, Owner> owners = owners(loader);
        Owner declared = owners.get(owner);
        return declared != null ? declared : ConcurrentMaps.kept(owners, owner, read(loader, owner));
    }

    private ConcurrentHashMap<String, Owner> owners(ClassLoader loader) {
        if (loader == null) {
            return bootCache;
        }
        synchronized (cache) {
            ConcurrentHashMap<String, Owner> owners = cache.get(loader);
            if (owners == null) {
                owners = new ConcurrentHashMap<>();
                cache.put(loader, owners);
            }
            return owners;
        }
    }

    private static Owner read(ClassLoader loader, String owner) {
        String resource = owner + ".class";
        try (InputStream in = loader == null ? ClassLoader.getSystemResourceAsStream(resource)
                : loader.getResourceAsStream(resource)) {
            if (in == null) {
                return Owner.missing("its class file " + resource + " is not visible to the class loader");
            }
            return Owner.of(ClassScan.of(in.readAllBytes()));
        } catch (IOException | RuntimeException e) {
            return Owner.missing("its class file " + resource + " cannot be read: " + e);
        }
    }
}
