package dev.statickeys.samples.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The JMX channel against the order service (the Spring Boot executable jar) in a JVM of its own, attached
 * through its local connector: with the statickeys agent there (its MXBean), and without it.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class JmxKeyChannelIT {
    private final PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);

    private ServiceProcess start(boolean withAgent) throws ScenarioException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        if (withAgent) {
            command.add("-javaagent:" + System.getProperty("it.statickeys.agent.jar"));
        }
        command.addAll(List.of("-jar", System.getProperty("it.statickeys.service.jar"), "--server.port=0"));
        return ServiceProcess.start(command, quiet);
    }

    @Test
    void enablesDisablesAndReportsKeysThroughTheMXBean() throws Exception {
        try (ServiceProcess service = start(true);
                JmxKeyChannel jmx = new JmxKeyChannel(service.pid())) {
            ServiceClient client = new ServiceClient(service.port());
            jmx.enable("service.audit");
            assertEquals("on/1", client.keys(List.of("service.audit")).get("service.audit"));
            List<String> report = jmx.report();
            assertEquals(List.of("Backend: holder", "Keys:"), report.subList(0, 2), report.toString());
            assertEquals(5, report.size(), report.toString());
            assertTrue(report.get(2).startsWith("  name=service.audit enabled=true count=1 backend=holder "), report.toString());
            assertTrue(report.get(3).startsWith("  name=service.tracing enabled=false count=0 "), report.toString());
            assertTrue(report.get(4).startsWith("  name=service.validation enabled=false count=0 "), report.toString());
            jmx.disable("service.audit");
            assertEquals("off/0", client.keys(List.of("service.audit")).get("service.audit"));
            assertEquals("JMX: enable(\"service.nope\") failed in the service JVM: java.lang.IllegalArgumentException:"
                    + " no static key named \"service.nope\"; known keys: [service.audit, service.tracing, service.validation]",
                    assertThrows(ScenarioException.class, () -> jmx.enable("service.nope")).getMessage());
            assertEquals(0, service.stop(client));
        }
    }

    @Test
    void aServiceWithoutTheMXBeanIsNamedAsSuch() throws Exception {
        try (ServiceProcess service = start(false); JmxKeyChannel jmx = new JmxKeyChannel(service.pid())) {
            String expected = "JMX: no MBean dev.statickeys:type=StaticKeys in the service JVM (pid " + service.pid()
                    + "); the statickeys agent there did not register it";
            assertEquals(expected, assertThrows(ScenarioException.class, () -> jmx.enable("service.audit")).getMessage());
            // A second use fails the same way without attaching again.
            assertEquals(expected, assertThrows(ScenarioException.class, jmx::report).getMessage());
        }
    }
}
