package dev.statickeys.samples.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scenario run as users run it, {@code java -cp <samples jar> ...Scenario --agent <agent jar> --service
 * <service jar>}, in a forked JVM that starts the service JVM (Spring Boot's executable jar under the agent)
 * and the attach commands. Nothing here asserts a latency.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ScenarioIT {
    private static final Pattern SERVICE_PID = Pattern.compile("service JVM pid (\\d+) on port \\d+");

    @TempDir
    Path temp;

    private record Run(int status, String out, String err) {}

    @Test
    void everyPhaseRunsThroughItsChannelAndTheScenarioPasses() throws Exception {
        Run run = scenario(Map.of());
        assertEquals(0, run.status(), run.err());
        assertPhase(run.out(), "a. all keys off", "off", "off", "off");
        assertPhase(run.out(), "b. + service.tracing (actuator)", "on", "off", "off");
        assertPhase(run.out(), "c. + service.audit (flag file)", "on", "on", "off");
        assertPhase(run.out(), "d. + service.validation (attach)", "on", "on", "on");
        assertPhase(run.out(), "e. all off again (JMX, flag file, actuator)", "off", "off", "off");
        assertTrue(run.out().contains("agent active in the service JVM: true (application class loader"
                + " org.springframework.boot.loader."), run.out());
        assertTrue(run.out().contains("\n  [JMX] Backend: "), run.out());
        // The controller, loaded from the executable jar by Spring Boot's LaunchedClassLoader, has its sites patched.
        assertTrue(run.out().matches("(?s).*\n  \\[JMX]   name=service\\.tracing enabled=false count=0 backend=holder"
                + " classesPatchedPerFlip=1 classesWithSites=1 .* sites=2\n.*"), run.out());
        assertTrue(run.out().matches("(?s).*\n  \\[flag file] service\\.audit set on in flags\\.json; the service"
                + " followed within \\d+ ms\n.*"), run.out());
        assertTrue(run.out().contains("\n  [attach] $ "), run.out());
        assertTrue(run.out().endsWith("scenario passed\n"), run.out());
        assertNoStackTraceAndServiceGone(run);
    }

    /**
     * With the attach mechanism off in every JVM it starts (JAVA_TOOL_OPTIONS reaches the service JVM),
     * the JMX and attach channels cannot work: each failure is one named line, the other phases still run,
     * the scenario exits 1 and leaves no service JVM behind.
     */
    @Test
    void aChannelThatCannotWorkIsNamedAndTheOtherPhasesStillRun() throws Exception {
        Run run = scenario(Map.of("JAVA_TOOL_OPTIONS", "-XX:+DisableAttachMechanism"));
        assertEquals(1, run.status(), run.out() + run.err());
        assertPhase(run.out(), "a. all keys off", "off", "off", "off");
        assertPhase(run.out(), "b. + service.tracing (actuator)", "on", "off", "off");
        assertPhase(run.out(), "c. + service.audit (flag file)", "on", "on", "off");
        assertTrue(run.out().matches("(?s).*\n  FAILED: enable service.validation through attach command: attach command: `"
                + "[^\n]* enable service\\.validation` exited with status [1-9]\\d*: (?!Picked up)[^\n]+\n.*"), run.out());
        assertPhase(run.out(), "d. + service.validation (attach)", "on", "on", "off");
        assertTrue(run.out().contains("\n  FAILED: disable service.tracing through JMX: JMX: cannot attach to the service JVM"
                + " (pid "), run.out());
        assertPhase(run.out(), "e. all off again (JMX, flag file, actuator)", "on", "off", "off");
        assertTrue(run.err().contains("Scenario: "), run.err());
        assertNoStackTraceAndServiceGone(run);
    }

    private Run scenario(Map<String, String> environment) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("it.statickeys.samples.jar"), Scenario.class.getName(),
                "--agent", System.getProperty("it.statickeys.agent.jar"),
                "--service", System.getProperty("it.statickeys.service.jar"), "--requests", "50")
                .redirectOutput(temp.resolve("out").toFile()).redirectError(temp.resolve("err").toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        try {
            assertTrue(process.waitFor(150, TimeUnit.SECONDS), "the scenario did not finish");
        } finally {
            process.destroyForcibly();
        }
        return new Run(process.exitValue(), Files.readString(temp.resolve("out")), Files.readString(temp.resolve("err")));
    }

    /** The phase's line shows 50 requests and the three keys in the given states. */
    private static void assertPhase(String out, String phase, String tracing, String audit, String validation) {
        String states = "service.tracing=" + tracing + "/\\d service.audit=" + audit + "/\\d service.validation="
                + validation + "/\\d";
        assertTrue(out.matches("(?s).*\n" + Pattern.quote(phase) + " +requests +50 .* \\| " + states + " \\| .*"),
                () -> phase + " with " + states + " in\n" + out);
    }

    private static void assertNoStackTraceAndServiceGone(Run run) {
        for (String output : List.of(run.out(), run.err())) {
            assertFalse(output.contains("\tat "), output);
            assertFalse(output.contains("Exception in thread"), output);
        }
        Matcher pid = SERVICE_PID.matcher(run.out());
        assertTrue(pid.find(), run.out());
        assertFalse(ProcessHandle.of(Long.parseLong(pid.group(1))).map(ProcessHandle::isAlive).orElse(false),
                "the service JVM is still running");
    }
}
