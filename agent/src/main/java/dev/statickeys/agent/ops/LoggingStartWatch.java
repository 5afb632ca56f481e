package dev.statickeys.agent.ops;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Tells when the application's {@code java.util.logging} exists, without ever starting it: by watching
 * class loading for {@code java.util.logging.LogManager$RootLogger}, which the JDK loads only while a
 * {@code LogManager} initializes (in {@code LogManager.getLogManager()}, after the manager's class was
 * chosen from {@code java.util.logging.manager} and the initializing thread's loaders). From then on a
 * {@code System.Logger} call made on another thread waits for that initialization and gets the
 * application's manager; before it, the same call would choose the manager itself, with the agent's
 * class loaders (the JDK's default when the application's manager lives in a loader of its own, as
 * WildFly's does).
 *
 * <p>The watch is a transformer that only compares one name of bootstrap classes and returns
 * {@code null}, and removes itself once it fired. If the class is already loaded when it is installed
 * (another agent started logging first), it fires at once.
 *
 * <p>It is registered as retransformation-capable, like the agent's site transformer, though it has
 * nothing to do on a retransformation. The JVM keeps an agent's two kinds of transformer in two JVMTI
 * environments and calls into Java once per environment for every class it loads, each time with a
 * fresh copy of the class file: a watch of the other kind would add a second call and copy for every
 * class the application loads until its logging starts, which in an application that never uses
 * java.util.logging is its whole life. (Measured in one JVM loading 8,497 classes with and without a
 * second environment, alternately, 70 loads each: +7 ms on JDK 25, -8 ms on JDK 17, inside the noise; so
 * this is about not doing the work, not a measured gain.)
 */
public final class LoggingStartWatch implements ClassFileTransformer {
    static final String ROOT_LOGGER = "java/util/logging/LogManager$RootLogger";
    private static final String ROOT_LOGGER_NAME = "java.util.logging.LogManager$RootLogger";

    private final Instrumentation instrumentation;
    private final Runnable onStart;
    private final AtomicBoolean fired = new AtomicBoolean();

    private LoggingStartWatch(Instrumentation instrumentation, Runnable onStart) {
        this.instrumentation = instrumentation;
        this.onStart = onStart;
    }

    /**
     * Runs {@code onStart} once, when java.util.logging has started (at once if it has). {@code onStart}
     * runs on the thread loading the class: it must be quick, must not block or load classes, and must
     * not throw.
     */
    public static void install(Instrumentation instrumentation, Runnable onStart) {
        LoggingStartWatch watch = new LoggingStartWatch(instrumentation, onStart);
        // Added before the scan, so a load between the two is seen by one of them.
        instrumentation.addTransformer(watch, true);
        for (Class<?> loaded : instrumentation.getAllLoadedClasses()) {
            if (loaded.getClassLoader() == null && loaded.getName().equals(ROOT_LOGGER_NAME)) {
                watch.fire();
                return;
            }
        }
    }

    @Override
    public byte[] transform(ClassLoader loader, String className, Class<?> redefined, ProtectionDomain domain,
            byte[] classFile) {
        if (loader == null && redefined == null && ROOT_LOGGER.equals(className)) {
            fire();
        }
        return null;
    }

    private void fire() {
        if (fired.compareAndSet(false, true)) {
            instrumentation.removeTransformer(this);
            onStart.run();
        }
    }
}
