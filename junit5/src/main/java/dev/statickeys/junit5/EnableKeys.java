package dev.statickeys.junit5;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Enables the named static keys for each test it applies to, and restores them after it.
 *
 * <pre>{@code
 * @EnableKeys({"tracing", "fast-path"})
 * class HandlerTest {
 *     @Test
 *     @DisableKeys("fast-path")          // the method's annotation wins over the class's
 *     void referencePathIsTraced() { ... }
 * }
 * }</pre>
 *
 * <p><b>Where.</b> On a test method, a test class, its superclasses and interfaces, the enclosing classes
 * of a {@code @Nested} class, or an annotation of your own (as a meta-annotation). The states of one
 * test are resolved from the least specific level to the most specific, the later winning for the
 * same key: enclosing classes (outermost first), then the test class; a class's superclasses and
 * interfaces come before the class itself; the test method comes last. One level that names a key in
 * both {@code @EnableKeys} and {@link DisableKeys @DisableKeys} is a configuration error.
 *
 * <p><b>What.</b> Before each test (before its {@code @BeforeEach} methods), a key named here is made
 * enabled: if its count is 0 it is {@linkplain dev.statickeys.StaticKey#enable() enabled} (count 1);
 * a count of 1 or more is left as it is. A key that is not defined yet is preset, so it starts enabled
 * when its class initializes during the test. After each test (after its {@code @AfterEach} methods,
 * also when the test or the setup failed) every key is put back exactly: its count, or its preset. The
 * flips of one test are applied in one {@link dev.statickeys.StaticKeys#batch batch}. See
 * {@link StaticKeysExtension} for the full contract.
 *
 * <p><b>Names.</b> 1 to 200 characters from {@code [A-Za-z0-9._-]}, as for
 * {@link dev.statickeys.StaticKey#defineFalse}; any other name fails the test it applies to with an
 * {@link org.junit.jupiter.api.extension.ExtensionConfigurationException} naming this annotation, the
 * element it is on and the name, before any key is changed.
 *
 * <p><b>Parallel execution.</b> The annotation registers {@link StaticKeysExtension} and the lock
 * provider {@link StaticKeyLocks}, so with {@code junit.jupiter.execution.parallel.enabled=true} two
 * tests that name the same key never run at the same time. Nothing else needs to be declared.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Repeatable(EnableKeys.List.class)
@ExtendWith(StaticKeysExtension.class)
@ResourceLock(providers = StaticKeyLocks.class)
public @interface EnableKeys {
    /**
     * The names of the keys to enable.
     *
     * @return key names, each 1 to 200 characters from {@code [A-Za-z0-9._-]}
     */
    String[] value();

    /**
     * The container of repeated {@link EnableKeys} annotations; written by the compiler. It registers the
     * extension and the lock provider as {@code EnableKeys} does.
     */
    @Target({ElementType.TYPE, ElementType.METHOD})
    @Retention(RetentionPolicy.RUNTIME)
    @Documented
    @ExtendWith(StaticKeysExtension.class)
    @ResourceLock(providers = StaticKeyLocks.class)
    @interface List {
        /**
         * The repeated annotations.
         *
         * @return the annotations, in declaration order
         */
        EnableKeys[] value();
    }
}
