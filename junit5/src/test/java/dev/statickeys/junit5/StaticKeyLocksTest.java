package dev.statickeys.junit5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.platform.engine.support.hierarchical.ExclusiveResource.LockMode.READ;
import static org.junit.platform.engine.support.hierarchical.ExclusiveResource.LockMode.READ_WRITE;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.support.hierarchical.ExclusiveResource;

/**
 * The locks JUnit itself computes, at discovery, from {@code @ResourceLock(providers = StaticKeyLocks.class)}
 * as a meta-annotation of ours: per-key locks and the global lock on test methods, nothing on classes.
 */
class StaticKeyLocksTest {
    static final String A = "StaticKeyLocksTest.a";
    static final String B = "StaticKeyLocksTest.b";
    static final String C = "StaticKeyLocksTest.c";

    static final ExclusiveResource GLOBAL_READ = new ExclusiveResource(StaticKeyLocks.GLOBAL_LOCK, READ);
    static final ExclusiveResource GLOBAL_READ_WRITE = new ExclusiveResource(StaticKeyLocks.GLOBAL_LOCK, READ_WRITE);

    static ExclusiveResource key(String name) {
        return new ExclusiveResource("dev.statickeys:key:" + name, READ_WRITE);
    }

    @EnableKeys(A)
    static class Annotated {
        @Test
        void classKeyOnly() {
        }

        @Test
        @DisableKeys(B)
        void classAndMethodKeys() {
        }

        @Test
        void takesASwitch(KeySwitch keys) {
        }

        @Nested
        class Inner {
            @Test
            @EnableKeys(C)
            void nestedMethod() {
            }
        }
    }

    @Test
    void eachTestLocksItsKeysAndReadsTheGlobalLock() {
        assertEquals(Set.of(GLOBAL_READ, key(A)), Fixtures.locksOf(Annotated.class, "classKeyOnly"));
        assertEquals(Set.of(GLOBAL_READ, key(A), key(B)), Fixtures.locksOf(Annotated.class, "classAndMethodKeys"));
        assertEquals(Set.of(GLOBAL_READ, key(A), key(C)), Fixtures.locksOf(Annotated.class, "nestedMethod"));
    }

    @Test
    void aTestTakingASwitchHoldsTheGlobalLockExclusively() {
        assertEquals(Set.of(GLOBAL_READ_WRITE, key(A)), Fixtures.locksOf(Annotated.class, "takesASwitch"));
    }

    @Test
    void classesHoldNoLockSoTheirTestsStayConcurrent() {
        // JUnit runs a class holding a READ_WRITE lock with all its tests on one thread.
        assertEquals(Set.of(), Fixtures.classLocksOf(Annotated.class));
    }

    @Target({ElementType.TYPE, ElementType.METHOD})
    @Retention(RetentionPolicy.RUNTIME)
    @DisableKeys(C)
    @interface WithoutC {
    }

    static class MethodAnnotations {
        @Test
        @EnableKeys(A)
        @EnableKeys(B)
        void repeated() {
        }

        @Test
        @WithoutC
        void composed() {
        }

        @Test
        void noKeys() {
        }
    }

    @Test
    void repeatedAndComposedAnnotationsCarryTheProvider() {
        assertEquals(Set.of(GLOBAL_READ, key(A), key(B)), Fixtures.locksOf(MethodAnnotations.class, "repeated"));
        assertEquals(Set.of(GLOBAL_READ, key(C)), Fixtures.locksOf(MethodAnnotations.class, "composed"));
        assertEquals(Set.of(), Fixtures.locksOf(MethodAnnotations.class, "noKeys"));
    }

    @WithStaticKeys
    static class SwitchInBeforeEach {
        @BeforeEach
        void before(KeySwitch keys) {
        }

        @Test
        void anyTest() {
        }
    }

    @Test
    void aSwitchInABeforeEachMethodLocksEveryTestOfTheClass() {
        assertEquals(Set.of(GLOBAL_READ_WRITE), Fixtures.locksOf(SwitchInBeforeEach.class, "anyTest"));
    }

    @DisableKeys(B)
    interface DisablesB {
    }

    @EnableKeys(A)
    abstract static class EnablesA {
    }

    static class Inherits extends EnablesA implements DisablesB {
        @Test
        void inherited() {
        }
    }

    @Test
    void superclassAndInterfaceAnnotationsApply() {
        assertEquals(Set.of(GLOBAL_READ, key(A), key(B)), Fixtures.locksOf(Inherits.class, "inherited"));
    }
}
