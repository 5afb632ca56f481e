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
 * Disables the named static keys for each test it applies to, and restores them after it.
 *
 * <p>Where it applies, how it combines with {@link EnableKeys @EnableKeys} (the more specific level
 * wins; one level naming a key in both is a configuration error), name rules and parallel execution:
 * as described on {@link EnableKeys}.
 *
 * <p><b>What.</b> Before each test, a key named here is made disabled: its count is
 * {@linkplain dev.statickeys.StaticKey#decrement() decremented} down to 0, however many users held it
 * ({@link dev.statickeys.StaticKey#disable()} alone would refuse a count of 2 or more). A key that is not
 * defined yet is preset, so it starts disabled when its class initializes during the test. After each
 * test the exact count (or preset) it had is restored. See {@link StaticKeysExtension}.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Repeatable(DisableKeys.List.class)
@ExtendWith(StaticKeysExtension.class)
@ResourceLock(providers = StaticKeyLocks.class)
public @interface DisableKeys {
    /**
     * The names of the keys to disable.
     *
     * @return key names, each 1 to 200 characters from {@code [A-Za-z0-9._-]}
     */
    String[] value();

    /**
     * The container of repeated {@link DisableKeys} annotations; written by the compiler. It registers the
     * extension and the lock provider as {@code DisableKeys} does.
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
        DisableKeys[] value();
    }
}
