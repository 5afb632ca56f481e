package dev.statickeys.agent.boot;

import dev.statickeys.agent.Agent;
import dev.statickeys.agent.Main;
import java.lang.instrument.Instrumentation;
import java.lang.invoke.MethodHandle;
import java.util.Map;

/**
 * The agent's entry points ({@code Premain-Class}, {@code Agent-Class}, {@code Main-Class}): a few lines
 * each. They start the agent and hand what it gives the application (capabilities, never the
 * {@code Instrumentation}) to the visible classes {@link Bridge} and {@code dev.statickeys.holders.Anchor},
 * which copy them into {@code static final} fields while the JVM is still in {@code premain}; the
 * hand-off slot is emptied right after, so nothing can be slipped in later.
 */
public final class Trampoline {
    private static final String ANCHOR = "dev.statickeys.holders.Anchor";
    private static Map<String, MethodHandle> handOff = Map.of();
    private static boolean handed;

    private Trampoline() {}

    /** {@code -javaagent:statickeys-agent.jar[=options]}. */
    public static void premain(String arguments, Instrumentation instrumentation) {
        hand(Agent.premain(arguments, instrumentation));
    }

    /** Loading into a running JVM: installing the agent, or a command of the attach tool. */
    public static void agentmain(String arguments, Instrumentation instrumentation) throws Exception {
        hand(Agent.agentmain(arguments, instrumentation));
    }

    /** {@code java -jar statickeys-agent.jar ...}: the attach and sites tools. */
    public static void main(String[] arguments) throws Exception {
        Main.main(arguments);
    }

    private static void hand(Map<String, MethodHandle> capabilities) {
        synchronized (Trampoline.class) {
            if (capabilities == null || handed) {
                return;
            }
            handed = true;
            handOff = Map.copyOf(capabilities);
        }
        try {
            ClassLoader loader = Trampoline.class.getClassLoader();
            Class.forName(Bridge.class.getName(), true, loader);
            Class.forName(ANCHOR, true, loader);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("statickeys agent: " + e.getMessage() + " is missing from the agent jar", e);
        } finally {
            synchronized (Trampoline.class) {
                handOff = Map.of();
            }
        }
    }

    /**
     * Takes the capabilities being handed off: called by the visible classes' static initializers during
     * start-up. Empty at any other time.
     */
    public static synchronized Map<String, MethodHandle> capabilities() {
        return handOff;
    }
}
