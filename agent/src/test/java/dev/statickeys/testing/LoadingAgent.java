package dev.statickeys.testing;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;

/**
 * A second agent for lock-order tests: whenever a class is retransformed, its transformer loads and
 * initializes class {@code <name>} (the agent argument) through the system class loader, as agents that
 * look classes up in their transformers do. It stands for another agent that needs class loading while
 * statickeys patches.
 */
public final class LoadingAgent {
    private static final ThreadLocal<Boolean> INSIDE = ThreadLocal.withInitial(() -> false);

    private LoadingAgent() {}

    public static void premain(String arguments, Instrumentation instrumentation) {
        instrumentation.addTransformer(new ClassFileTransformer() {
            @Override
            public byte[] transform(ClassLoader loader, String className, Class<?> redefined,
                    ProtectionDomain domain, byte[] bytes) {
                if (redefined != null && !INSIDE.get()) {
                    INSIDE.set(true);
                    try {
                        Class.forName(arguments, true, ClassLoader.getSystemClassLoader());
                    } catch (Throwable e) {
                        System.out.println("loading agent: " + e);
                    } finally {
                        INSIDE.set(false);
                    }
                }
                return null;
            }
        }, true);
    }
}
