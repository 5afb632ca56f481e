package dev.statickeys.junit5;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Registers {@link StaticKeysExtension} and its lock provider {@link StaticKeyLocks} without naming any
 * key: for test classes or methods that flip keys only through a {@link KeySwitch} parameter.
 *
 * <pre>{@code
 * @WithStaticKeys
 * class TracingTest {
 *     @Test
 *     void tracesOnlyWhileEnabled(KeySwitch keys) {
 *         keys.enable("tracing");
 *         ...
 *     }
 * }
 * }</pre>
 *
 * <p>{@link EnableKeys @EnableKeys} and {@link DisableKeys @DisableKeys} do the same registration, so a
 * class that has either annotation on the class needs nothing more. A test that takes a
 * {@code KeySwitch} where no annotation of the three applies (for instance, the extension registered
 * with {@code @ExtendWith} or {@code @RegisterExtension} alone) fails to resolve the parameter while
 * parallel execution is enabled, because JUnit would not know to keep it apart from other key-using
 * tests.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith(StaticKeysExtension.class)
@ResourceLock(providers = StaticKeyLocks.class)
public @interface WithStaticKeys {
}
