package dev.statickeys.internal;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodType;

/**
 * Not API: the states keys start in when they are defined later, for the statickeys JUnit 5 extension.
 * Subject to change without notice; applications set starting states with the agent's {@code key.<name>}
 * setting instead. Presets go to the JVM's one key state machine (the agent's, when it is installed).
 */
public final class Presets {
    private static final MethodHandle SET = DomainAccess.handle("presetHook",
            MethodType.methodType(void.class, String.class, Boolean.class));
    private static final MethodHandle GET = DomainAccess.handle("presetOfHook",
            MethodType.methodType(Boolean.class, String.class));

    private Presets() {}

    /**
     * Sets ({@code state} non-null) or clears the state that key {@code name} starts in when it is first
     * defined (or first known to the agent from its sites), whatever its definition says. A key already
     * defined is not changed: flip it instead.
     *
     * @throws IllegalArgumentException if {@code name} is not a valid key name
     */
    public static void set(String name, Boolean state) {
        try {
            SET.invokeExact(name, state);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /** The state set for key {@code name} by {@link #set} or the agent's configuration, or null. */
    public static Boolean get(String name) {
        try {
            return (Boolean) GET.invokeExact(name);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }
}
