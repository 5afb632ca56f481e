package dev.statickeys.holders;

import dev.statickeys.agent.boot.Trampoline;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * Not API. Gives the agent a package to define the per-key holder classes in
 * ({@code dev.statickeys.holders.Key$<name>}), in the class loader that loaded the agent, and gives a
 * holder past its flip budget a reader of its key's state: a {@code MutableCallSite}'s dynamic invoker,
 * which can read the state and nothing else. The call sites themselves stay inside the agent.
 */
public final class Anchor {
    private static final MethodHandle READER = reader();

    private Anchor() {}

    private static MethodHandle reader() {
        MethodHandle reader = Trampoline.capabilities().get("holderReader");
        return reader == null ? null : reader.asType(MethodType.methodType(MethodHandle.class, String.class));
    }

    /**
     * The bootstrap of a holder's {@code CONSTANT_Dynamic}: a {@code ()boolean} method handle reading key
     * {@code key}'s state.
     *
     * @throws IllegalArgumentException if the agent has no holder for that key
     * @throws IllegalStateException if the agent is not installed
     */
    public static MethodHandle reader(MethodHandles.Lookup lookup, String name, Class<?> type, String key)
            throws Throwable {
        if (READER == null) {
            throw new IllegalStateException("the statickeys agent is not installed");
        }
        return (MethodHandle) READER.invokeExact(key);
    }
}
