package dev.statickeys.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Set;

/**
 * A class loader that defines its own copy of the named classes (from the given bytes, or read from
 * the parent's class path) and delegates everything else to the parent.
 */
public final class FreshLoader extends ClassLoader {
    private static final String HOLDERS = "dev.statickeys.holders.";

    private final Set<String> own;
    private final Map<String, byte[]> bytes;
    private final boolean hidesHolders;
    private final boolean hidesHolderResources;

    public FreshLoader(ClassLoader parent, Set<String> own) {
        this(parent, own, Map.of());
    }

    public FreshLoader(ClassLoader parent, Set<String> own, Map<String, byte[]> bytes) {
        this("fresh", parent, own, bytes, false, false);
    }

    /** As {@link #FreshLoader(ClassLoader, Set)}, with a name of its own instead of {@code fresh}. */
    public FreshLoader(String name, ClassLoader parent, Set<String> own) {
        this(name, parent, own, Map.of(), false, false);
    }

    private FreshLoader(String name, ClassLoader parent, Set<String> own, Map<String, byte[]> bytes,
            boolean hidesHolders, boolean hidesHolderResources) {
        super(name, parent);
        this.own = own;
        this.bytes = bytes;
        this.hidesHolders = hidesHolders;
        this.hidesHolderResources = hidesHolderResources;
    }

    /**
     * A fresh loader that, like some module systems, does not find the agent's holder classes
     * ({@code dev.statickeys.holders.*}) although its parent does; with {@code resourcesToo}, it does not
     * find their class files either.
     */
    public static FreshLoader hidingHolders(ClassLoader parent, Set<String> own, boolean resourcesToo) {
        return new FreshLoader("hiding", parent, own, Map.of(), true, resourcesToo);
    }

    @Override
    public java.net.URL getResource(String name) {
        return hidesHolderResources && name.startsWith(HOLDERS.replace('.', '/')) ? null : super.getResource(name);
    }

    /** The class files of its own classes given as bytes, as a real loader serves them; else the parent's resources. */
    @Override
    public InputStream getResourceAsStream(String name) {
        if (name.endsWith(".class")) {
            byte[] code = bytes.get(name.substring(0, name.length() - ".class".length()).replace('/', '.'));
            if (code != null) {
                return new java.io.ByteArrayInputStream(code);
            }
        }
        return super.getResourceAsStream(name);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (hidesHolders && name.startsWith(HOLDERS)) {
            throw new ClassNotFoundException(name + " (hidden by this test loader)");
        }
        if (!own.contains(name)) {
            return super.loadClass(name, resolve);
        }
        synchronized (getClassLoadingLock(name)) {
            Class<?> loaded = findLoadedClass(name);
            if (loaded == null) {
                byte[] code = bytes.containsKey(name) ? bytes.get(name) : classFile(getParent(), name);
                loaded = defineClass(name, code, 0, code.length);
            }
            return loaded;
        }
    }

    /** The class file of {@code name} as a resource of {@code loader}. */
    public static byte[] classFile(ClassLoader loader, String name) {
        String resource = name.replace('.', '/') + ".class";
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no class file " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
