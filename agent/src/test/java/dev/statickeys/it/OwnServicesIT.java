package dev.statickeys.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.statickeys.testing.ForkedJvm;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The agent never starts java.util.logging or the platform MBean server before the application: an
 * application that installs its own LogManager and MBeanServerBuilder from a class loader it creates in
 * {@code main} (as WildFly does) gets its own, and still receives the agent's messages and MXBean.
 */
class OwnServicesIT {
    @Test
    void anApplicationsOwnLogManagerAndMBeanServerBuilderWinAndStillGetTheAgentsMessagesAndMXBean()
            throws Exception {
        ForkedJvm.Result result = ForkedJvm.run(List.of("-javaagent:" + ForkedJvm.agentJar(),
                "-Djava.util.logging.manager=appserver.OwnLogManager",
                "-Djavax.management.builder.initial=appserver.OwnMBeanServerBuilder"),
                OwnServicesMain.class.getName(), 120);
        assertEquals(0, result.exitCode, result.toString());
        assertTrue(result.stdout.contains("log manager: appserver.OwnLogManager from appserver\n"), result.toString());
        assertTrue(result.stdout.contains("platform server: own-builder\n"), result.toString());
        assertTrue(result.stdout.contains("mxbean registered: true\n"), result.toString());
        assertTrue(result.stdout.contains("app-log: INFO statickeys: agent "), result.toString());
        assertTrue(result.stdout.matches("(?s).*app-log: INFO statickeys: flip: own\\.key enabled .*"), result.toString());
        assertTrue(result.stdout.matches("(?s).*app-log: INFO statickeys: flip: own\\.key disabled .*"), result.toString());
    }

    /**
     * The MXBean's watch starts with the first key the agent knows, not with the first definition: a key
     * met only at a site (its declaring class never initialized, the API never called) still gets the
     * bean, so an operator can flip it over JMX.
     */
    @Test
    void aKeyMetOnlyAtItsSitesStillGetsTheMXBean() throws Exception {
        ForkedJvm.Result result = ForkedJvm.run(List.of("-javaagent:" + ForkedJvm.agentJar()),
                SiteOnlyKeyMain.class.getName(), 120);
        assertEquals(0, result.exitCode, result.toString());
        assertTrue(result.stdout.contains("guarded: 0\nmxbean registered: true\nkey: site.only.key\n"),
                result.toString());
    }
}
