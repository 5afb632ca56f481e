package dev.statickeys.junit5;

import java.lang.reflect.Method;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLocksProvider;

/**
 * The JUnit resource locks that keep tests flipping the same static keys from running at the same time
 * under parallel execution ({@code junit.jupiter.execution.parallel.enabled=true}).
 *
 * <p>{@link EnableKeys @EnableKeys}, {@link DisableKeys @DisableKeys} and
 * {@link WithStaticKeys @WithStaticKeys} declare this provider through
 * {@code @ResourceLock(providers = StaticKeyLocks.class)}, a meta-annotation JUnit finds (5.12 and
 * later) on the test method, its class, superclasses, interfaces and enclosing classes. JUnit calls it
 * for every test method those cover, before running anything. For each test method:
 *
 * <ul>
 *   <li>{@value #KEY_LOCK_PREFIX}{@code <name>} in {@code READ_WRITE} mode for every key the annotations
 *       that apply to it name, so two tests naming the same key never overlap;</li>
 *   <li>{@value #GLOBAL_LOCK} in {@code READ} mode, or in {@code READ_WRITE} mode when the test takes a
 *       {@link KeySwitch} (as a parameter of the test method or of a {@code @BeforeEach} or
 *       {@code @AfterEach} method): its keys are unknown in advance, so it runs alone among key-using
 *       tests;</li>
 *   <li>nothing for a test that names no key and takes no {@code KeySwitch}.</li>
 * </ul>
 *
 * <p>Locks are given to test methods only, never to classes: JUnit runs a class that holds a
 * {@code READ_WRITE} lock with all its tests on one thread, so class-level locks would serialize every
 * test of an annotated class. A test of your own that flips a key by other means (calling
 * {@code enable()} directly) can take the same locks with
 * {@code @ResourceLock(value = StaticKeyLocks.KEY_LOCK_PREFIX + "name")} and
 * {@code @ResourceLock(value = StaticKeyLocks.GLOBAL_LOCK, mode = ResourceAccessMode.READ)}.
 *
 * <p>Names are not checked here: an invalid name still gets its lock, and the test fails when it
 * starts. Instances are stateless and thread-safe.
 */
public final class StaticKeyLocks implements ResourceLocksProvider {
    /** The lock every key-using test holds: {@code READ} normally, {@code READ_WRITE} with a {@link KeySwitch}. */
    public static final String GLOBAL_LOCK = "dev.statickeys:keys";

    /** The prefix of the per-key locks; the key's name follows. */
    public static final String KEY_LOCK_PREFIX = "dev.statickeys:key:";

    /** Called by JUnit, which instantiates providers named in {@code @ResourceLock(providers = ...)}. */
    public StaticKeyLocks() {
    }

    /**
     * The locks of one test method, as listed above.
     *
     * @param enclosingInstanceTypes the enclosing classes of a {@code @Nested} test class, outermost first
     * @param testClass the class the test method runs in
     * @param testMethod the test method
     */
    @Override
    public Set<Lock> provideForMethod(List<Class<?>> enclosingInstanceTypes, Class<?> testClass, Method testMethod) {
        Set<String> names = KeyAnnotations.names(KeyAnnotations.levels(enclosingInstanceTypes, testClass, testMethod));
        boolean takesSwitch = KeyAnnotations.takesSwitch(enclosingInstanceTypes, testClass, testMethod);
        if (names.isEmpty() && !takesSwitch) {
            return Set.of();
        }
        Set<Lock> locks = new LinkedHashSet<>();
        locks.add(new Lock(GLOBAL_LOCK, takesSwitch ? ResourceAccessMode.READ_WRITE : ResourceAccessMode.READ));
        for (String name : names) {
            locks.add(new Lock(KEY_LOCK_PREFIX + name, ResourceAccessMode.READ_WRITE));
        }
        return locks;
    }
}
