package dev.statickeys.internal;

import dev.statickeys.StaticKeys;
import java.util.function.Consumer;

/**
 * Not API: the entry point that bytecode patched by the statickeys agent calls. Subject to change
 * without notice; applications must not call it.
 */
public final class Linkage {
    private static volatile Consumer<Class<?>> initHook;

    private Linkage() {}

    /**
     * Called first thing in the static initializer of every class whose sites the agent patched,
     * before any of its sites can run. The agent then knows the class and re-patches it if a flip
     * happened between its loading and now. Never throws.
     */
    public static void classInitialized(Class<?> type) {
        Consumer<Class<?>> hook = initHook;
        if (hook == null) {
            StaticKeys.agentActive(); // initializes the API, which installs the hook
            hook = initHook;
        }
        if (hook != null) {
            hook.accept(type);
        }
    }

    /** Called once by the API as it initializes; later calls are ignored. */
    public static synchronized void install(Consumer<Class<?>> hook) {
        if (initHook == null) {
            initHook = hook;
        }
    }
}
