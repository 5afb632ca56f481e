package dev.statickeys.junit5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.statickeys.StaticKey;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * Invalid key names and a key enabled and disabled on one level fail the test they apply to, naming
 * the annotation, the element and the key, before any key changes; the other tests run normally.
 */
class ConfigurationErrorsTest {
    static final String VALID = "ConfigurationErrorsTest.valid";
    static final StaticKey KEY = StaticKey.defineFalse(VALID);
    static final String CLASS = ConfigurationErrorsTest.class.getName();

    /** The key's count at the end of each fixture test, by method name. */
    static final Map<String, Integer> COUNT_AFTER_TEST = new ConcurrentHashMap<>();

    /**
     * Registered after the statickeys extension, so its afterEach runs before the extension restores:
     * it sees what the failed setup left.
     */
    static final class RecordCount implements AfterEachCallback {
        @Override
        public void afterEach(ExtensionContext context) {
            COUNT_AFTER_TEST.put(context.getRequiredTestMethod().getName(), KEY.count());
        }
    }

    @WithStaticKeys
    static class InvalidNames {
        @Test
        @ExtendWith(RecordCount.class)
        @EnableKeys({VALID, "not a key"})
        void nameWithSpaces() {
        }

        @Test
        @ExtendWith(RecordCount.class)
        @DisableKeys("")
        void emptyName() {
        }

        @Test
        @EnableKeys(VALID)
        void validTestOfTheSameClass() {
            assertTrue(KEY.isEnabled());
        }
    }

    @Test
    void anInvalidNameFailsItsTestNamingTheAnnotationElementAndName() {
        COUNT_AFTER_TEST.clear();
        EngineExecutionResults results = Fixtures.run(InvalidNames.class);

        Throwable spaces = Fixtures.failureOf(results, "nameWithSpaces");
        assertInstanceOf(ExtensionConfigurationException.class, spaces);
        assertTrue(spaces.getMessage().startsWith("@EnableKeys on method " + CLASS + "$InvalidNames#nameWithSpaces(): "
                + "invalid static key name \"not a key\": character ' ' at index 3 is not allowed"), spaces.getMessage());
        Throwable empty = Fixtures.failureOf(results, "emptyName");
        assertInstanceOf(ExtensionConfigurationException.class, empty);
        assertTrue(empty.getMessage().startsWith("@DisableKeys on method " + CLASS + "$InvalidNames#emptyName(): "
                + "invalid static key name \"\": length 0"), empty.getMessage());

        assertEquals(1, results.testEvents().succeeded().count(), "the valid test still runs and passes");
        assertEquals(Map.of("nameWithSpaces", 0, "emptyName", 0), COUNT_AFTER_TEST,
                "the valid key next to the invalid one was never enabled");
        assertEquals(0, KEY.count());
    }

    @EnableKeys("bad/name")
    static class InvalidNameOnTheClass {
        @Test
        void first() {
        }

        @Test
        void second() {
        }
    }

    @Test
    void anInvalidNameOnTheClassFailsEachOfItsTests() {
        EngineExecutionResults results = Fixtures.run(InvalidNameOnTheClass.class);
        for (String test : new String[] {"first", "second"}) {
            Throwable thrown = Fixtures.failureOf(results, test);
            assertInstanceOf(ExtensionConfigurationException.class, thrown);
            assertTrue(thrown.getMessage().startsWith("@EnableKeys on class " + CLASS + "$InvalidNameOnTheClass: "
                    + "invalid static key name \"bad/name\""), thrown.getMessage());
        }
        assertEquals(0, results.containerEvents().failed().count(), "the class itself runs normally");
    }

    @WithStaticKeys
    static class Conflicts {
        @Test
        @ExtendWith(RecordCount.class)
        @EnableKeys(VALID)
        @DisableKeys(VALID)
        void enabledAndDisabledOnOneMethod() {
        }

        @Test
        @ExtendWith(RecordCount.class)
        @EnableKeys(VALID)
        void unaffected() {
            assertTrue(KEY.isEnabled());
        }
    }

    @EnableKeys({"ConfigurationErrorsTest.other", VALID})
    @DisableKeys(VALID)
    static class ConflictOnTheClass {
        @Test
        void anyTest() {
        }
    }

    @Test
    void aKeyEnabledAndDisabledOnOneLevelFailsNamingTheKeyAndBothAnnotations() {
        COUNT_AFTER_TEST.clear();
        EngineExecutionResults results = Fixtures.run(Conflicts.class, ConflictOnTheClass.class);

        Throwable onMethod = Fixtures.failureOf(results, "enabledAndDisabledOnOneMethod");
        assertInstanceOf(ExtensionConfigurationException.class, onMethod);
        assertEquals("static key \"" + VALID + "\" is named by both @EnableKeys and @DisableKeys on method " + CLASS
                + "$Conflicts#enabledAndDisabledOnOneMethod(); one level can enable or disable a key, not both",
                onMethod.getMessage());
        Throwable onClass = Fixtures.failureOf(results, "anyTest");
        assertEquals("static key \"" + VALID + "\" is named by both @EnableKeys and @DisableKeys on class " + CLASS
                + "$ConflictOnTheClass; one level can enable or disable a key, not both", onClass.getMessage());

        assertEquals(1, results.testEvents().succeeded().count(), "the other test still runs and passes");
        // unaffected shows that RecordCount runs before the restore, so 0 above means "never changed".
        assertEquals(Map.of("enabledAndDisabledOnOneMethod", 0, "unaffected", 1), COUNT_AFTER_TEST);
        assertEquals(0, KEY.count());
    }
}
