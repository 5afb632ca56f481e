package dev.statickeys.samples.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The JMX channel against a service JVM, attached through its local connector. The MXBean there is
 * {@link StandInStaticKeys}, built from the agent MXBean's spec; the agent itself is not involved.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class JmxKeyChannelIT {
    private final PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);

    private ServiceProcess start(Class<?> main) throws ScenarioException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return ServiceProcess.start(List.of(java, "-cp", System.getProperty("java.class.path"), main.getName(),
                "--port", "0"), quiet);
    }

    @Test
    void enablesDisablesAndReportsKeysThroughTheMXBean() throws Exception {
        try (ServiceProcess service = start(StandInStaticKeys.class);
                JmxKeyChannel jmx = new JmxKeyChannel(service.pid())) {
            ServiceClient client = new ServiceClient(service.port());
            jmx.enable("service.audit");
            assertEquals("on/1", client.keys().get("service.audit"));
            assertEquals(List.of("Backend: stand-in", "Keys:",
                    "  name=service.audit enabled=true count=1",
                    "  name=service.tracing enabled=false count=0",
                    "  name=service.validation enabled=false count=0"), jmx.report());
            jmx.disable("service.audit");
            assertEquals("off/0", client.keys().get("service.audit"));
            assertEquals("JMX: enable(\"service.nope\") failed in the service JVM: java.lang.IllegalArgumentException:"
                    + " no static key named service.nope",
                    assertThrows(ScenarioException.class, () -> jmx.enable("service.nope")).getMessage());
            assertEquals(0, service.stop(client));
        }
    }

    @Test
    void aServiceWithoutTheMXBeanIsNamedAsSuch() throws Exception {
        try (ServiceProcess service = start(OrderService.class); JmxKeyChannel jmx = new JmxKeyChannel(service.pid())) {
            String expected = "JMX: no MBean dev.statickeys:type=StaticKeys in the service JVM (pid " + service.pid()
                    + "); the statickeys agent there did not register it";
            assertEquals(expected, assertThrows(ScenarioException.class, () -> jmx.enable("service.audit")).getMessage());
            // A second use fails the same way without attaching again.
            assertEquals(expected, assertThrows(ScenarioException.class, jmx::report).getMessage());
        }
    }
}
