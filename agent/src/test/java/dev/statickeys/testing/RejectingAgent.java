package dev.statickeys.testing;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A second agent for fault tests: when class {@code <name>} (agent argument {@code <name>:<times>}) is
 * retransformed, it hands the JVM bytes it must reject, the first {@code times} times. It stands for
 * another agent's transformer that breaks a class.
 */
public final class RejectingAgent {
    private RejectingAgent() {}

    public static void premain(String arguments, Instrumentation instrumentation) {
        String[] parts = arguments.split(":");
        String target = parts[0].replace('.', '/');
        AtomicInteger left = new AtomicInteger(Integer.parseInt(parts[1]));
        instrumentation.addTransformer(new ClassFileTransformer() {
            @Override
            public byte[] transform(ClassLoader loader, String className, Class<?> redefined,
                    ProtectionDomain domain, byte[] bytes) {
                if (redefined != null && target.equals(className) && left.getAndDecrement() > 0) {
                    return new byte[] {(byte) 0xCA, (byte) 0xFE}; // a truncated class file
                }
                return null;
            }
        }, true);
    }
}
