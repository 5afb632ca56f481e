package dev.statickeys.junit5;

import java.nio.file.Path;

/**
 * Auto-attach's one decision: whether this test JVM gets the statickeys agent, and if it cannot, the one line
 * that says why. Taken once per JVM, when the first launcher session opens ({@link AgentAttachListener}), in
 * this order:
 * <ol>
 *   <li>{@value AttachSetting#NAME}{@code =false}: nothing ({@link Result#OFF}).</li>
 *   <li>The JVM was started with {@code -javaagent} on the statickeys agent jar: nothing
 *       ({@link Result#STARTED_WITH_AGENT}); a second, dynamic load would only cost an attach and, on JDK 21+,
 *       the JVM's warning about it. Detected from the JVM's arguments, not through the API: asking the API
 *       loads it, and initializes the agent's {@code Bridge} from a jar on the class path, both of which must
 *       not happen before the agent arrives.</li>
 *   <li>The JVM cannot take an agent now: no agent jar on the class path, no {@code jdk.attach} module,
 *       {@code -XX:+DisableAttachMechanism}, {@code -XX:-EnableDynamicAgentLoading}. One line, no attempt
 *       ({@link Result#NOT_ATTACHED}); an attempt would cost a helper JVM, and with the attach mechanism
 *       disabled its signal would make the JVM print a thread dump.</li>
 *   <li>Otherwise the agent jar is loaded ({@link Result#ATTACHED}); if that fails, one line with the reason
 *       ({@link Result#NOT_ATTACHED}).</li>
 * </ol>
 * Whatever the result, the tests run: without the agent, sites are plain checks with the same semantics.
 */
final class AgentAttach {
    /** How the agent jar is loaded into this JVM; Byte Buddy Agent by default ({@link ByteBuddyLoader}). */
    interface Loader {
        void load(Path agentJar) throws Exception;
    }

    /** What happened. */
    enum Result {
        ATTACHED,
        STARTED_WITH_AGENT,
        OFF,
        NOT_ATTACHED
    }

    /** A result, and the line printed for it (only for {@link Result#NOT_ATTACHED}, else null). */
    record Outcome(Result result, String line) {}

    static final String PREFIX = "statickeys-junit5: ";

    /** This JVM's outcome, once decided. */
    private static Outcome outcome;

    private AgentAttach() {}

    /**
     * Decides for this JVM on the first call, printing the line if there is one to standard error; later calls
     * (later launcher sessions in the same JVM) return the same outcome.
     *
     * @throws IllegalArgumentException if {@value AttachSetting#NAME} is set to something else than true or false
     */
    static synchronized Outcome once() {
        if (outcome == null) {
            ClassLoader loader = AgentAttach.class.getClassLoader();
            outcome = decide(AttachSetting.enabled(loader), JvmFacts.current(), AgentJars.onClassPath(loader),
                    new ByteBuddyLoader());
            if (outcome.line() != null) {
                System.err.println(outcome.line());
            }
        }
        return outcome;
    }

    /** This JVM's outcome, or null if no launcher session has opened yet (for tests). */
    static synchronized Outcome decided() {
        return outcome;
    }

    /** The outcome for a JVM described by {@code jvm}, with {@code agentJar} (null if none) on its class path. */
    static Outcome decide(boolean enabled, JvmFacts jvm, Path agentJar, Loader loader) {
        if (!enabled) {
            return new Outcome(Result.OFF, null);
        }
        if (AgentJars.startedWith(jvm.arguments(), jvm.workingDirectory()) != null) {
            return new Outcome(Result.STARTED_WITH_AGENT, null);
        }
        String refusal = refusal(jvm, agentJar);
        if (refusal != null) {
            return notAttached(refusal, agentJar);
        }
        try {
            loader.load(agentJar);
            return new Outcome(Result.ATTACHED, null);
        } catch (Exception | LinkageError e) {
            return notAttached("loading " + agentJar + " failed: " + oneLine(e), agentJar);
        }
    }

    /** Why this JVM cannot take the agent now, or null if it can. */
    private static String refusal(JvmFacts jvm, Path agentJar) {
        if (agentJar == null) {
            return "no statickeys agent jar on the test class path (dev.statickeys:statickeys-agent comes with"
                    + " statickeys-junit5 unless excluded)";
        }
        if (!jvm.hasModule("jdk.attach")) {
            return "this Java runtime has no jdk.attach module (a JRE or a jlinked runtime)";
        }
        if ("true".equals(jvm.flag("DisableAttachMechanism"))) {
            return "the JVM runs with -XX:+DisableAttachMechanism";
        }
        if ("false".equals(jvm.flag("EnableDynamicAgentLoading"))) {
            return "the JVM runs with -XX:-EnableDynamicAgentLoading";
        }
        return null;
    }

    private static Outcome notAttached(String reason, Path agentJar) {
        return new Outcome(Result.NOT_ATTACHED, PREFIX + "statickeys agent not attached: " + reason
                + "; sites are plain checks in this JVM (-javaagent:"
                + (agentJar == null ? "statickeys-agent.jar" : agentJar.toString())
                + " patches them; " + AttachSetting.NAME + "=false skips the attach)");
    }

    /** The messages of {@code e} and its causes, on one line. */
    static String oneLine(Throwable e) {
        StringBuilder line = new StringBuilder();
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (line.length() > 0) {
                line.append(": ");
            }
            line.append(cause.getMessage() == null ? cause.getClass().getName() : cause.getMessage());
        }
        return line.toString().replaceAll("\\s*\\R\\s*", " ");
    }

    /**
     * Byte Buddy Agent: attaches to this JVM through {@code jdk.attach}, from a helper JVM it starts when the JVM
     * does not allow attaching to itself (the default since JDK 9: {@code -Djdk.attach.allowAttachSelf=true}
     * saves the helper). A class of its own, so that Byte Buddy is loaded only when an attach happens.
     */
    static final class ByteBuddyLoader implements Loader {
        @Override
        public void load(Path agentJar) {
            net.bytebuddy.agent.ByteBuddyAgent.attach(agentJar.toFile(),
                    net.bytebuddy.agent.ByteBuddyAgent.ProcessProvider.ForCurrentVm.INSTANCE);
        }
    }
}
