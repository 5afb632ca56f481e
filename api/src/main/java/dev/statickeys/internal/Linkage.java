package dev.statickeys.internal;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodType;

/**
 * Not API: the entry point that bytecode patched by the statickeys agent calls. Subject to change
 * without notice; applications must not call it (doing so is harmless: the agent only looks at classes
 * it patched itself).
 */
public final class Linkage {
    private static final MethodHandle CLASS_INITIALIZED = DomainAccess.handle("classInitializedHook",
            MethodType.methodType(void.class, Class.class));

    private Linkage() {}

    /**
     * Called first thing in the static initializer of every class whose sites the agent patched,
     * before any of its sites can run. The agent then knows the class and re-patches it if a flip
     * happened between its loading and now. Never throws.
     */
    public static void classInitialized(Class<?> type) {
        try {
            CLASS_INITIALIZED.invokeExact(type);
        } catch (Throwable e) {
            if (e instanceof VirtualMachineError) {
                throw (VirtualMachineError) e;
            }
        }
    }
}
