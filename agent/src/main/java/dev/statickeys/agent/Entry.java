package dev.statickeys.agent;

import java.lang.instrument.Instrumentation;
import java.lang.invoke.MethodHandle;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The one way into the agent's module from the visible trampoline ({@code dev.statickeys.agent.boot.Trampoline}):
 * a service provider of the JDK type {@link BiFunction}, found with {@code ServiceLoader.load(layer, ...)}, so
 * the module exports nothing. {@code apply(entry, arguments)} with:
 * <ul>
 *   <li>{@code "premain"}, {@code {String options, Instrumentation}}: {@link Agent#premain};
 *   <li>{@code "premainDeferred"}, {@code {String options, Instrumentation}}: {@link Agent#premainDeferred}, a
 *       premain the trampoline deferred to the first class naming the API; the capabilities then also hold
 *       {@code "transform"}, the core's transformer, which the trampoline's dormant transformer calls and
 *       never hands on;
 *   <li>{@code "agentmain"}, {@code {String options, Instrumentation}}: {@link Agent#agentmain};
 *   <li>{@code "main"}, {@code {String[] arguments}}: {@link Main#main}.
 * </ul>
 * {@code premain} and {@code agentmain} return the capabilities for the trampoline's {@code Bridge}
 * ({@code Map<String, MethodHandle>}) the first time the agent is installed, an empty map otherwise.
 * An {@code Instrumentation} that the JVM did not make (null, or a class outside {@code java.instrument})
 * is refused with an {@link IllegalArgumentException} before anything runs: whoever can find this provider
 * (it is public to {@code ServiceLoader}) gets no new agent from it.
 */
public final class Entry implements BiFunction<String, Object[], Object> {
    /** Public, for {@link java.util.ServiceLoader}. */
    public Entry() {
        // The core links to the visible classes (dev.statickeys.agent.boot, dev.statickeys.holders), which
        // the trampoline's loader (this layer's parent) defines in its unnamed module. A named module reads
        // no unnamed module unless it says so, and only the module itself may say so.
        ClassLoader parent = Entry.class.getClassLoader().getParent();
        if (parent != null) {
            Entry.class.getModule().addReads(parent.getUnnamedModule());
        }
    }

    @Override
    public Object apply(String entry, Object[] arguments) {
        switch (entry) {
            case "premain":
                return orEmpty(Agent.premain((String) arguments[0], genuine(arguments[1])));
            case "premainDeferred":
                return orEmpty(Agent.premainDeferred((String) arguments[0], genuine(arguments[1])));
            case "agentmain":
                return orEmpty(Agent.agentmain((String) arguments[0], genuine(arguments[1])));
            case "main":
                Main.main((String[]) arguments);
                return Map.<String, MethodHandle>of();
            default:
                throw new IllegalArgumentException("statickeys agent: unknown entry '" + entry
                        + "'; expected premain, premainDeferred, agentmain or main");
        }
    }

    private static Map<String, MethodHandle> orEmpty(Map<String, MethodHandle> capabilities) {
        return capabilities == null ? Map.of() : capabilities;
    }

    /** The JVM's own {@code Instrumentation} (its class is in {@code java.instrument}), or a refusal. */
    static Instrumentation genuine(Object instrumentation) {
        if (instrumentation instanceof Instrumentation
                && instrumentation.getClass().getModule() == Instrumentation.class.getModule()) {
            return (Instrumentation) instrumentation;
        }
        throw new IllegalArgumentException("statickeys agent: not the JVM's Instrumentation: "
                + (instrumentation == null ? "null" : instrumentation.getClass().getName()));
    }
}
