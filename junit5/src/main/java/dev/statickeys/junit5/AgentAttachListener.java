package dev.statickeys.junit5;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Installs the statickeys agent in a test JVM started without {@code -javaagent}, so that tests see patched
 * sites as production does. Registered by this artifact
 * ({@code META-INF/services/org.junit.platform.launcher.LauncherSessionListener}); the JUnit Platform launcher
 * calls it when a launcher session opens, which Maven Surefire and Failsafe do before they load any test class.
 * The agent must arrive before the statickeys API is loaded: keys created earlier keep plain checks.
 *
 * <p>What it does, once per JVM, is decided in {@link AgentAttach}: nothing when the agent is already there
 * ({@code -javaagent}) or when {@value AttachSetting#NAME} is {@code false}; otherwise it loads the agent jar
 * from the test class path through Byte Buddy Agent, and if the JVM cannot take a dynamically loaded agent, it
 * prints one line saying why and the tests run with plain checks.
 */
public final class AgentAttachListener implements LauncherSessionListener {
    /** Public, for {@link java.util.ServiceLoader}. */
    public AgentAttachListener() {}

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        AgentAttach.once();
    }
}
