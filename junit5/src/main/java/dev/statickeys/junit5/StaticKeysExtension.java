package dev.statickeys.junit5;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Puts static keys in the states that {@link EnableKeys @EnableKeys} and {@link DisableKeys @DisableKeys}
 * ask for before each test, resolves {@link KeySwitch} parameters, and restores every key the test
 * changed after it. The annotations register this extension themselves; {@code @ExtendWith} or
 * {@code @RegisterExtension} work too (see {@link WithStaticKeys} for parallel execution then).
 *
 * <h2>Before each test</h2>
 * Runs before the test's {@code @BeforeEach} methods (extension callbacks come first). The annotations
 * that apply to the test are resolved to one state per key (see {@link EnableKeys} for the levels and
 * which wins). Every name is checked first: an invalid name, or a key enabled and disabled on one
 * level, fails the test with an {@link org.junit.jupiter.api.extension.ExtensionConfigurationException}
 * naming the annotation, the element and the key, and no key is changed; other tests are not affected.
 * Then, in one {@link dev.statickeys.StaticKeys#batch StaticKeys.batch} (one patch operation with the
 * agent), each key is saved and flipped:
 * <ul>
 *   <li>enabled: a count of 0 becomes 1 ({@code enable()}); a count of 1 or more is left as it is;</li>
 *   <li>disabled: the count is decremented to 0, whatever it was;</li>
 *   <li>a key that is not defined ({@link dev.statickeys.StaticKeys#find StaticKeys.find} finds nothing;
 *       with the agent, a key known only from the sites of loaded classes is found) is preset, so it
 *       starts in the requested state when its class initializes during the test. If it was defined
 *       meanwhile, it is flipped as a defined key.</li>
 * </ul>
 *
 * <h2>After each test</h2>
 * Runs after the test's {@code @AfterEach} methods, always: also when the test, a {@code @BeforeEach}
 * method or the setup above failed part way. Every key the test touched (through the annotations or a
 * {@link KeySwitch}) is put back, in one batch:
 * <ul>
 *   <li>a key defined before the test gets its count back exactly (incremented or decremented to it),
 *       whatever the test did to it meanwhile;</li>
 *   <li>a key not defined before the test gets its preset back (none, if it had none); if its class
 *       initialized during the test, the key is put to the count it would have started with: its
 *       previous preset, else its definition's initial value (1 for {@code defineTrue}, 0 for
 *       {@code defineFalse}).</li>
 * </ul>
 * Every key is attempted; the first failure fails the test, the others are suppressed in it.
 * Keys the test changed by other means ({@code KEY.enable()} in the test body) are not restored unless
 * the annotations or the switch also touched them.
 *
 * <h2>Threads and parallel execution</h2>
 * One instance serves every test; the state of a test lives in its {@code ExtensionContext}, so tests on
 * different threads do not share anything here. Two tests flipping the same key at the same time would
 * undo each other; under JUnit's parallel execution the locks of {@link StaticKeyLocks} (declared by the
 * annotations) keep them apart. Code outside the tests that flips the same keys concurrently is not
 * covered: the restore puts back the count saved before the test.
 *
 * <h2>Scope</h2>
 * Keys are put in their states around each test method invocation (each repetition, each parameterized
 * invocation, a {@code @TestFactory} method with all its dynamic tests), not around
 * {@code @BeforeAll}/{@code @AfterAll} methods, which see the keys as they are outside any test. The keys
 * are JVM-wide: the states are seen by every thread while the test runs.
 */
public final class StaticKeysExtension implements BeforeEachCallback, AfterEachCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(StaticKeysExtension.class);
    private static final String STATES = "states";
    private static final String PARALLEL = "junit.jupiter.execution.parallel.enabled";

    /** Called by JUnit when the extension is registered by class. */
    public StaticKeysExtension() {
    }

    /**
     * Checks the annotations that apply to the test and puts their keys in the requested states.
     *
     * @throws org.junit.jupiter.api.extension.ExtensionConfigurationException for an invalid key name or
     *         a key enabled and disabled on one level; nothing has been changed then
     */
    @Override
    public void beforeEach(ExtensionContext context) {
        Method method = context.getRequiredTestMethod();
        Map<String, Boolean> requested = KeyAnnotations.states(
                KeyAnnotations.levels(context.getEnclosingTestClasses(), context.getRequiredTestClass(), method));
        if (!requested.isEmpty()) {
            states(context).apply(requested);
        }
    }

    /** Restores every key the test touched, through the annotations or a {@link KeySwitch}. */
    @Override
    public void afterEach(ExtensionContext context) {
        KeyStates states = context.getStore(NAMESPACE).remove(STATES, KeyStates.class);
        if (states != null) {
            states.restore();
        }
    }

    /** Whether the parameter is a {@link KeySwitch}. */
    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == KeySwitch.class;
    }

    /**
     * The test's {@link KeySwitch}; one per test invocation, shared by the test method and its
     * {@code @BeforeEach}/{@code @AfterEach} methods.
     *
     * @throws ParameterResolutionException for a constructor or a {@code @BeforeAll}/{@code @AfterAll}
     *         method (there is no test whose end would restore the flips), or when parallel execution is
     *         enabled and no {@link StaticKeyLocks} provider applies to the test
     */
    @Override
    public KeySwitch resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        if (parameterContext.getDeclaringExecutable() instanceof Constructor
                || extensionContext.getTestMethod().isEmpty()) {
            throw new ParameterResolutionException("a KeySwitch can be a parameter of a test method or of its"
                    + " @BeforeEach/@AfterEach methods only, where the test's end restores its flips; not of "
                    + parameterContext.getDeclaringExecutable());
        }
        if (parallel(extensionContext) && !KeyAnnotations.locksDeclared(extensionContext.getEnclosingTestClasses(),
                extensionContext.getRequiredTestClass(), extensionContext.getRequiredTestMethod())) {
            throw new ParameterResolutionException("test " + describe(extensionContext) + " takes a KeySwitch while"
                    + " parallel execution is enabled, but no @WithStaticKeys, @EnableKeys or @DisableKeys applies to"
                    + " it, so JUnit does not know to run it apart from other tests that flip keys; annotate the"
                    + " test method or its class with @WithStaticKeys");
        }
        return new KeySwitch(states(extensionContext));
    }

    private static boolean parallel(ExtensionContext context) {
        return context.getConfigurationParameter(PARALLEL).map(Boolean::parseBoolean).orElse(false);
    }

    private static KeyStates states(ExtensionContext context) {
        return context.getStore(NAMESPACE).getOrComputeIfAbsent(STATES, k -> new KeyStates(describe(context)),
                KeyStates.class);
    }

    private static String describe(ExtensionContext context) {
        return context.getRequiredTestClass().getName() + "#" + context.getRequiredTestMethod().getName();
    }
}
