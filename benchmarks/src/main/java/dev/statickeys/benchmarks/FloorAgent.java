package dev.statickeys.benchmarks;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;

/**
 * A minimal agent that keeps the {@link Instrumentation} it is given, so {@link RetransformFloorBenchmark}
 * can call {@code retransformClasses} with nothing of statickeys loaded. It is the benchmarks jar's
 * {@code Premain-Class}: {@code -javaagent:benchmarks/target/benchmarks.jar}. With the option
 * {@code unchangedTransformer} it also registers, at start-up, a retransform-capable transformer that
 * changes nothing: the JVM's floor under any such agent's class-load cost ({@link ClassLoadBenchmark}).
 */
public final class FloorAgent {
    private static volatile Instrumentation instrumentation;

    private FloorAgent() {}

    public static void premain(String options, Instrumentation given) {
        instrumentation = given;
        if ("unchangedTransformer".equals(options)) {
            given.addTransformer(new ClassFileTransformer() {
                @Override
                public byte[] transform(ClassLoader loader, String className, Class<?> redefined,
                        ProtectionDomain domain, byte[] bytes) {
                    return null;
                }
            }, true);
        } else if (options != null && !options.isEmpty()) {
            throw new IllegalArgumentException("FloorAgent option \"" + options + "\": expected none or unchangedTransformer");
        }
    }

    static Instrumentation instrumentation() {
        Instrumentation current = instrumentation;
        if (current == null) {
            throw new IllegalStateException("the retransformClasses floor needs the benchmarks jar as an agent:"
                    + " start the JVM with -javaagent:<path to benchmarks.jar> (Suite does)");
        }
        return current;
    }
}
