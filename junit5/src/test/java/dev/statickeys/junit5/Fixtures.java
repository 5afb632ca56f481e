package dev.statickeys.junit5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.engine.support.hierarchical.ExclusiveResource;
import org.junit.platform.engine.support.hierarchical.Node;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/**
 * Runs fixture test classes (static nested classes of the tests, which surefire and failsafe do not run
 * on their own) through the real Jupiter engine, and reads their outcomes and the locks JUnit gave them.
 */
final class Fixtures {
    static final Map<String, String> PARALLEL = Map.of(
            "junit.jupiter.execution.parallel.enabled", "true",
            "junit.jupiter.execution.parallel.mode.default", "concurrent",
            "junit.jupiter.execution.parallel.mode.classes.default", "concurrent",
            "junit.jupiter.execution.parallel.config.strategy", "fixed",
            "junit.jupiter.execution.parallel.config.fixed.parallelism", "4");

    private Fixtures() {}

    /** Runs the classes one test at a time. */
    static EngineExecutionResults run(Class<?>... fixtures) {
        return run(Map.of(), fixtures);
    }

    /** Runs the classes with parallel execution enabled, every test concurrent by default, 4 threads. */
    static EngineExecutionResults runInParallel(Class<?>... fixtures) {
        return run(PARALLEL, fixtures);
    }

    static EngineExecutionResults run(Map<String, String> configuration, Class<?>... fixtures) {
        return kit(configuration, fixtures).execute();
    }

    private static EngineTestKit.Builder kit(Map<String, String> configuration, Class<?>... fixtures) {
        return EngineTestKit.engine("junit-jupiter")
                .enableImplicitConfigurationParameters(false)
                .configurationParameters(configuration)
                .selectors(Arrays.stream(fixtures).map(fixture -> selectClass(fixture)).toArray(DiscoverySelector[]::new));
    }

    /** Asserts that no container failed and that exactly {@code tests} tests ran and passed. */
    static void assertAllSucceeded(EngineExecutionResults results, long tests) {
        List<Event> failed = results.allEvents().failed().list();
        if (!failed.isEmpty()) {
            fail(failed.size() + " fixture test(s) or container(s) failed:\n" + failed.stream()
                    .map(Fixtures::describe).collect(Collectors.joining("\n")));
        }
        assertEquals(tests, results.testEvents().succeeded().count(), "fixture tests that passed");
        assertEquals(0, results.allEvents().skipped().count(), "fixture tests or containers skipped");
    }

    /** The failure of the one test (or container) whose method or class has this name. */
    static Throwable failureOf(EngineExecutionResults results, String name) {
        List<Throwable> failures = results.allEvents().failed().stream()
                .filter(event -> name.equals(nameOf(event.getTestDescriptor())))
                .map(event -> event.getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow())
                .collect(Collectors.toList());
        assertEquals(1, failures.size(), () -> "failures of " + name + " among "
                + results.allEvents().failed().stream().map(Fixtures::describe).collect(Collectors.joining("\n")));
        return failures.get(0);
    }

    /** The exclusive resources JUnit computed at discovery for the test method named {@code method}. */
    static Set<ExclusiveResource> locksOf(Class<?> fixture, String method) {
        TestDescriptor engine = kit(Map.of(), fixture).discover().getEngineDescriptor();
        List<TestDescriptor> matches = engine.getDescendants().stream()
                .filter(descriptor -> method.equals(nameOf(descriptor)))
                .collect(Collectors.toList());
        assertEquals(1, matches.size(), "test descriptors for method " + method);
        return ((Node<?>) matches.get(0)).getExclusiveResources();
    }

    /** The exclusive resources JUnit computed at discovery for {@code fixture}'s own class descriptor. */
    static Set<ExclusiveResource> classLocksOf(Class<?> fixture) {
        TestDescriptor engine = kit(Map.of(), fixture).discover().getEngineDescriptor();
        TestDescriptor descriptor = engine.getChildren().iterator().next();
        return ((Node<?>) descriptor).getExclusiveResources();
    }

    private static String nameOf(TestDescriptor descriptor) {
        return descriptor.getSource().map(source -> {
            if (source instanceof MethodSource) {
                return ((MethodSource) source).getMethodName();
            }
            if (source instanceof ClassSource) {
                return ((ClassSource) source).getJavaClass().getSimpleName();
            }
            return descriptor.getDisplayName();
        }).orElse(descriptor.getDisplayName());
    }

    private static String describe(Event event) {
        StringWriter trace = new StringWriter();
        event.getRequiredPayload(TestExecutionResult.class).getThrowable()
                .ifPresent(thrown -> thrown.printStackTrace(new PrintWriter(trace)));
        return event.getTestDescriptor().getUniqueId() + ": " + trace;
    }
}
