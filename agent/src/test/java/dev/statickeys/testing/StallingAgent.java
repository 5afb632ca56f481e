package dev.statickeys.testing;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;

/**
 * A second agent for attach tests: once the system property {@value #ARMED} is {@code true}, its
 * transformer stalls every retransformation for ten minutes. It stands for another agent's transformer
 * that hangs (waits for a lock, a network call) while statickeys flips a key.
 */
public final class StallingAgent {
    /** The system property that arms the stall (set by the target's main once it is ready). */
    public static final String ARMED = "statickeys.test.stall";

    private StallingAgent() {}

    public static void premain(String arguments, Instrumentation instrumentation) {
        instrumentation.addTransformer(new ClassFileTransformer() {
            @Override
            public byte[] transform(ClassLoader loader, String className, Class<?> redefined,
                    ProtectionDomain domain, byte[] bytes) {
                if (redefined != null && Boolean.getBoolean(ARMED)) {
                    try {
                        Thread.sleep(600_000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                return null;
            }
        }, true);
    }
}
