package dev.statickeys.it;

import dev.statickeys.StaticKey;
import dev.statickeys.fixtures.LeakWebapp;
import java.io.IOException;
import java.lang.ref.WeakReference;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Deploys a webapp-like class loader, serves one request on a thread whose context loader it is, drops it,
 * and checks that it is collected. Arguments: {@code own} (the webapp has its own copy of the API) or
 * {@code classpath} (it uses the API on the class path); {@code hide} (it cannot see the agent's holder
 * classes, so the agent reports a warning from the request thread) or {@code see}. Prints
 * {@code collected} or, after a generous bound, what still runs and exits 2.
 */
public final class LeakMain {
    private static final String WEBAPP = LeakWebapp.class.getName();
    private static final long BOUND_SECONDS = 60;

    private LeakMain() {}

    public static void main(String[] args) throws Exception {
        boolean ownApi = args[0].equals("own");
        boolean hideHolders = args[1].equals("hide");
        WeakReference<ClassLoader> webapp = deployServeAndDrop(ownApi, hideHolders);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(BOUND_SECONDS);
        List<byte[]> pressure = new ArrayList<>();
        while (webapp.get() != null && System.nanoTime() < deadline) {
            System.gc();
            pressure.add(new byte[1 << 20]);
            if (pressure.size() > 32) {
                pressure.clear();
            }
            Thread.sleep(50);
        }
        if (webapp.get() != null) {
            System.out.println("LEAK: the webapp loader is still reachable after " + BOUND_SECONDS + " s");
            printThreads(webapp.get());
            System.exit(2);
        }
        System.out.println("collected");
    }

    private static WeakReference<ClassLoader> deployServeAndDrop(boolean ownApi, boolean hideHolders)
            throws Exception {
        URL api = StaticKey.class.getProtectionDomain().getCodeSource().getLocation();
        URL classes = LeakMain.class.getProtectionDomain().getCodeSource().getLocation();
        try (URLClassLoader apiOnly = new URLClassLoader(new URL[] {api}, null)) {
            WebappLoader webapp = new WebappLoader(ownApi ? new URL[] {api, classes} : new URL[] {classes},
                    name -> name.equals(WEBAPP) || (ownApi && apiOnly.findResource(resource(name)) != null),
                    hideHolders);
            String[] answer = new String[1];
            Throwable[] failure = new Throwable[1];
            Thread request = new Thread(() -> {
                try {
                    answer[0] = (String) Class.forName(WEBAPP, true, webapp).getMethod("serve").invoke(null);
                } catch (ReflectiveOperationException | RuntimeException e) {
                    failure[0] = e;
                }
            }, "request");
            request.setContextClassLoader(webapp);
            request.start();
            request.join();
            if (failure[0] != null) {
                throw new AssertionError("the request failed", failure[0]);
            }
            System.out.println("served: " + answer[0] + (ownApi ? " (own API copy)" : " (API on the class path)"));
            webapp.close();
            return new WeakReference<>(webapp);
        }
    }

    private static String resource(String className) {
        return className.replace('.', '/') + ".class";
    }

    private static void printThreads(ClassLoader leaked) {
        for (Map.Entry<Thread, StackTraceElement[]> thread : Thread.getAllStackTraces().entrySet()) {
            Thread t = thread.getKey();
            System.out.println("thread \"" + t.getName() + "\" daemon=" + t.isDaemon() + " context loader "
                    + (t.getContextClassLoader() == leaked ? "IS THE WEBAPP'S" : String.valueOf(t.getContextClassLoader())));
            for (StackTraceElement frame : thread.getValue()) {
                System.out.println("\tat " + frame);
            }
        }
    }

    /** Child-first for the webapp's own classes, like a servlet container's webapp loader. */
    static final class WebappLoader extends URLClassLoader {
        private final java.util.function.Predicate<String> own;
        private final boolean hidesHolders;

        WebappLoader(URL[] urls, java.util.function.Predicate<String> own, boolean hidesHolders) {
            super("webapp", urls, ClassLoader.getSystemClassLoader());
            this.own = own;
            this.hidesHolders = hidesHolders;
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (hidesHolders && name.startsWith("dev.statickeys.holders.")) {
                throw new ClassNotFoundException(name + " (hidden by this webapp loader)");
            }
            if (!own.test(name)) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> loaded = findLoadedClass(name);
                return loaded != null ? loaded : findClass(name);
            }
        }

        @Override
        public URL getResource(String name) {
            return hidesHolders && name.startsWith("dev/statickeys/holders/") ? null : super.getResource(name);
        }

        @Override
        public void close() throws IOException {
            super.close();
        }
    }
}
