package dev.statickeys.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code n} copies of {@link FlipCostBenchmark.Site}, each defined by a class loader of its own from this
 * jar's bytes (everything else, the API included, comes from the parent, so every copy shares the one key)
 * and initialized, because the agent re-patches initialized classes only.
 */
final class SiteCopies {
    private SiteCopies() {}

    static List<Class<?>> load(int n) throws ReflectiveOperationException, IOException {
        String name = FlipCostBenchmark.Site.class.getName();
        byte[] bytes;
        try (InputStream in = FlipCostBenchmark.class.getResourceAsStream("FlipCostBenchmark$Site.class")) {
            if (in == null) {
                throw new IOException("no class file for " + name + " next to " + FlipCostBenchmark.class);
            }
            bytes = in.readAllBytes();
        }
        List<Class<?>> copies = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Class<?> copy = new CopyLoader(FlipCostBenchmark.class.getClassLoader(), name, bytes).loadClass(name);
            Method site = copy.getMethod("site");
            if ((boolean) site.invoke(null)) { // initializes the copy: the agent registers its sites
                throw new IllegalStateException("key " + FlipCostBenchmark.KEY_NAME + " is enabled at setup");
            }
            copies.add(copy);
        }
        return copies;
    }

    /** Defines its own copy of one class from the given bytes; delegates every other name to the parent. */
    private static final class CopyLoader extends ClassLoader {
        private final String name;
        private final byte[] bytes;

        CopyLoader(ClassLoader parent, String name, byte[] bytes) {
            super("site-copy", parent);
            this.name = name;
            this.bytes = bytes;
        }

        @Override
        protected Class<?> loadClass(String className, boolean resolve) throws ClassNotFoundException {
            if (!className.equals(name)) {
                return super.loadClass(className, resolve);
            }
            synchronized (getClassLoadingLock(className)) {
                Class<?> loaded = findLoadedClass(className);
                if (loaded == null) {
                    loaded = defineClass(className, bytes, 0, bytes.length);
                }
                if (resolve) {
                    resolveClass(loaded);
                }
                return loaded;
            }
        }
    }
}
