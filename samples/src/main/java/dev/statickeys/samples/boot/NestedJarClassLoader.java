package dev.statickeys.samples.boot;

import java.io.IOException;
import java.net.URL;
import java.security.CodeSource;
import java.security.ProtectionDomain;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;

/**
 * Defines classes and serves resources from jars nested in an outer jar, held in memory
 * ({@link NestedJar}), searched in the order given; parent first, as ordinary loaders are. Resources come
 * back as {@code nested:} URLs ({@link NestedUrlHandler}) that anyone can open, which is how the statickeys
 * agent reads {@code META-INF/statickeys/sites} and key classes' files through this loader.
 * Parallel capable.
 */
final class NestedJarClassLoader extends ClassLoader {
    static {
        registerAsParallelCapable();
    }

    private final List<NestedJar> jars;
    private final NestedUrlHandler urls;
    private final Map<NestedJar, ProtectionDomain> domains = new LinkedHashMap<>();

    /**
     * A loader named {@code nested} over {@code jars} of the outer jar at {@code outer} (its path as a URL
     * path), delegating to {@code parent} first.
     */
    NestedJarClassLoader(String outer, List<NestedJar> jars, ClassLoader parent) {
        super("nested", parent);
        this.jars = List.copyOf(jars);
        Map<String, NestedJar> byPath = new LinkedHashMap<>();
        jars.forEach(jar -> byPath.put(jar.path(), jar));
        this.urls = new NestedUrlHandler(outer, Map.copyOf(byPath));
        for (NestedJar jar : jars) {
            domains.put(jar, new ProtectionDomain(new CodeSource(urls.url(jar), (Certificate[]) null), null, this, null));
        }
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        String file = name.replace('.', '/') + ".class";
        for (NestedJar jar : jars) {
            byte[] bytes = jar.entry(file);
            if (bytes != null) {
                definePackageOf(name, jar);
                return defineClass(name, bytes, 0, bytes.length, domains.get(jar));
            }
        }
        throw new ClassNotFoundException(name + " (in none of the nested jars " + paths() + ")");
    }

    @Override
    protected URL findResource(String name) {
        for (NestedJar jar : jars) {
            if (jar.entry(name) != null) {
                return urls.url(jar, name);
            }
        }
        return null;
    }

    @Override
    protected Enumeration<URL> findResources(String name) throws IOException {
        List<URL> found = new ArrayList<>();
        for (NestedJar jar : jars) {
            if (jar.entry(name) != null) {
                found.add(urls.url(jar, name));
            }
        }
        return Collections.enumeration(found);
    }

    /** Defines the class's package once, with the implementation attributes of its jar's manifest. */
    private void definePackageOf(String className, NestedJar jar) {
        int dot = className.lastIndexOf('.');
        String name = dot < 0 ? "" : className.substring(0, dot);
        if (name.isEmpty() || getDefinedPackage(name) != null) {
            return;
        }
        Attributes main = jar.manifest().getMainAttributes();
        try {
            definePackage(name, main.getValue(Attributes.Name.SPECIFICATION_TITLE),
                    main.getValue(Attributes.Name.SPECIFICATION_VERSION),
                    main.getValue(Attributes.Name.SPECIFICATION_VENDOR),
                    main.getValue(Attributes.Name.IMPLEMENTATION_TITLE),
                    main.getValue(Attributes.Name.IMPLEMENTATION_VERSION),
                    main.getValue(Attributes.Name.IMPLEMENTATION_VENDOR), null);
        } catch (IllegalArgumentException e) {
            // Another thread defined it first (this loader is parallel capable): theirs is as good.
        }
    }

    private List<String> paths() {
        List<String> paths = new ArrayList<>();
        jars.forEach(jar -> paths.add(jar.path()));
        return paths;
    }
}
