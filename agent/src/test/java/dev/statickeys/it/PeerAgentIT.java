package dev.statickeys.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The runs beside the OpenTelemetry Java agent (the failsafe executions {@code it-otel-*}, which run
 * {@link SiteCorpusIT} and {@link StressIT} again) really have it: its agent is installed in this JVM and
 * stands where the execution says on the command line, before or after ours. Without this a wrong path or
 * a silent start-up failure of the peer would leave those runs proving nothing.
 */
class PeerAgentIT {
    private static final String PEER = System.getProperty("it.statickeys.peer", "");
    /** A class of the OpenTelemetry agent's bootstrap part: its premain put it in the bootstrap loader. */
    private static final String OTEL_BOOTSTRAP_CLASS = "io.opentelemetry.javaagent.bootstrap.AgentInitializer";

    @Test
    void theOpenTelemetryAgentRunsBesideOursInTheOrderTheExecutionNames() throws Exception {
        assumeTrue(PEER.startsWith("otel-"), "not a run beside the OpenTelemetry agent");
        Class<?> initializer = Class.forName(OTEL_BOOTSTRAP_CLASS, false, null);
        assertTrue(initializer.getName().equals(OTEL_BOOTSTRAP_CLASS));

        List<String> agents = ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(argument -> argument.startsWith("-javaagent:")).collect(Collectors.toList());
        assertEquals(2, agents.size(), agents.toString());
        int otel = agents.get(0).contains("opentelemetry-javaagent") ? 0 : 1;
        assertTrue(agents.get(otel).contains("opentelemetry-javaagent"), agents.toString());
        assertEquals(PEER.equals("otel-before") ? 0 : 1, otel, "-javaagent order for " + PEER + ": " + agents);
    }
}
