package dev.statickeys.testing;

import dev.statickeys.StaticKey;
import dev.statickeys.StaticKeys;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;

/**
 * A second agent for the nested-flip test: while a class is retransformed (on the flipping thread), its
 * transformer enables key {@code <name>} (the agent argument) through the API, once, and prints what
 * happened. It stands for another agent's transformer, or a callback, that flips a key during a flip.
 */
public final class NestingAgent {
    private static volatile boolean done;

    private NestingAgent() {}

    public static void premain(String arguments, Instrumentation instrumentation) {
        instrumentation.addTransformer(new ClassFileTransformer() {
            @Override
            public byte[] transform(ClassLoader loader, String className, Class<?> redefined,
                    ProtectionDomain domain, byte[] bytes) {
                if (redefined != null && !done) {
                    done = true;
                    try {
                        StaticKey key = StaticKeys.find(arguments).orElseThrow();
                        key.enable();
                        System.out.println("nested flip: applied, count " + key.count());
                    } catch (RuntimeException e) {
                        System.out.println("nested flip: refused: " + e.getMessage());
                    }
                }
                return null;
            }
        }, true);
    }
}
