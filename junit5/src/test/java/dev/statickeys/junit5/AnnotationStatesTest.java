package dev.statickeys.junit5;

import static dev.statickeys.junit5.Fixtures.assertAllSucceeded;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.statickeys.StaticKey;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * {@code @EnableKeys} and {@code @DisableKeys} put keys in the requested state for each test, the more
 * specific level winning. The fixtures assert the states through sites ({@link #a()}, {@link #b()});
 * each test here checks that every fixture test passed and that the keys are back afterwards.
 */
class AnnotationStatesTest {
    static final String A = "AnnotationStatesTest.a";
    static final String B = "AnnotationStatesTest.b";
    static final String COUNTED = "AnnotationStatesTest.counted";

    static final StaticKey KEY_A = StaticKey.defineFalse(A);
    static final StaticKey KEY_B = StaticKey.defineTrue(B);
    static final StaticKey KEY_COUNTED = StaticKey.defineFalse(COUNTED);

    static boolean a() {
        return KEY_A.isEnabled();
    }

    static boolean b() {
        return KEY_B.isEnabled();
    }

    static boolean counted() {
        return KEY_COUNTED.isEnabled();
    }

    @AfterEach
    void keysAreBackToTheirDefinitions() {
        assertEquals(0, KEY_A.count(), A);
        assertEquals(1, KEY_B.count(), B);
    }

    @EnableKeys(A)
    @DisableKeys(B)
    static class ClassLevel {
        @Test
        void classAnnotationsApply() {
            assertTrue(a());
            assertFalse(b());
        }

        @Test
        @DisableKeys(A)
        void methodAnnotationWinsOverTheClass() {
            assertFalse(a());
            assertFalse(b());
        }

        @Test
        @EnableKeys(B)
        void methodEnablesWhatTheClassDisables() {
            assertTrue(a());
            assertTrue(b());
        }

        @RepeatedTest(3)
        void everyRepetitionGetsTheStates() {
            assertTrue(a());
            assertFalse(b());
        }

        @TestFactory
        @DisableKeys(A)
        Stream<DynamicTest> dynamicTestsRunInTheFactorysStates() {
            return Stream.of("first", "second").map(name -> dynamicTest(name, () -> {
                assertFalse(a());
                assertFalse(b());
            }));
        }
    }

    @Test
    void classAndMethodAnnotationsApplyWithTheMethodWinning() {
        assertAllSucceeded(Fixtures.run(ClassLevel.class), 8);
    }

    @EnableKeys(A)
    static class Outer {
        @Test
        void outerClassApplies() {
            assertTrue(a());
        }

        @Nested
        class Unannotated {
            @Test
            void enclosingClassApplies() {
                assertTrue(a());
            }
        }

        @Nested
        @DisableKeys({A, B})
        class Inner {
            @Test
            void innerClassWinsOverTheEnclosingClass() {
                assertFalse(a());
                assertFalse(b());
            }

            @Nested
            @EnableKeys(A)
            class Innermost {
                @Test
                void innermostClassWins() {
                    assertTrue(a());
                    assertFalse(b());
                }

                @Test
                @DisableKeys(A)
                void methodWinsOverEveryClass() {
                    assertFalse(a());
                }
            }
        }
    }

    @Test
    void nestedClassesInheritEnclosingAnnotationsWithTheInnerWinning() {
        assertAllSucceeded(Fixtures.run(Outer.class), 5);
    }

    @DisableKeys(B)
    interface DisablesB {
    }

    @EnableKeys(A)
    abstract static class EnablesA {
    }

    static class Inherits extends EnablesA implements DisablesB {
        @Test
        void superclassAndInterfaceApply() {
            assertTrue(a());
            assertFalse(b());
        }
    }

    @DisableKeys(A)
    @EnableKeys(B)
    static class Overrides extends EnablesA implements DisablesB {
        @Test
        void classWinsOverItsSuperclassAndInterface() {
            assertFalse(a());
            assertTrue(b());
        }
    }

    @Test
    void superclassesAndInterfacesApplyWithTheSubclassWinning() {
        assertAllSucceeded(Fixtures.run(Inherits.class, Overrides.class), 2);
    }

    @Target({ElementType.TYPE, ElementType.METHOD})
    @Retention(RetentionPolicy.RUNTIME)
    @EnableKeys(A)
    @interface TracingOn {
    }

    static class Composed {
        @Test
        @TracingOn
        void composedAnnotationApplies() {
            assertTrue(a());
        }

        @Test
        @DisableKeys(A)
        @DisableKeys(B)
        void repeatedAnnotationsAllApply() {
            assertFalse(a());
            assertFalse(b());
        }
    }

    @Test
    void composedAndRepeatedAnnotationsRegisterTheExtensionAndApply() {
        // Composed has no annotation of ours on the class: each method's annotations register the extension.
        assertAllSucceeded(Fixtures.run(Composed.class), 2);
    }

    static class Counts {
        @Test
        @EnableKeys(COUNTED)
        void enablingLeavesAHigherCountAsItIs() {
            assertEquals(3, KEY_COUNTED.count());
            assertTrue(counted());
        }

        @Test
        @DisableKeys(COUNTED)
        void disablingDecrementsAnyCountToZero() {
            assertEquals(0, KEY_COUNTED.count());
            assertFalse(counted());
        }
    }

    @Test
    void enabledMeansACountOfAtLeastOneAndDisabledACountOfZero() {
        for (int i = 0; i < 3; i++) {
            KEY_COUNTED.increment();
        }
        try {
            assertAllSucceeded(Fixtures.run(Counts.class), 2);
            assertEquals(3, KEY_COUNTED.count());
        } finally {
            while (KEY_COUNTED.count() > 0) {
                KEY_COUNTED.decrement();
            }
        }
    }

    @EnableKeys(A)
    static class Lifecycle {
        boolean seenBefore;

        @BeforeEach
        void before() {
            seenBefore = a();
        }

        @Test
        void beforeEachMethodsSeeTheStates() {
            assertTrue(seenBefore);
        }

        @AfterEach
        void after() {
            assertTrue(a(), "@AfterEach methods still see the states");
        }
    }

    @Test
    void statesHoldFromBeforeEachToAfterEach() {
        assertAllSucceeded(Fixtures.run(Lifecycle.class), 1);
    }
}
