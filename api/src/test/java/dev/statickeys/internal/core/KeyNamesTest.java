package dev.statickeys.internal.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KeyNamesTest {
    private static final String RULE = "expected 1 to 200 characters from [A-Za-z0-9._-]";

    /** Asserts that {@code name} is rejected with a message stating the rule and every {@code mention}. */
    private static void assertRejected(String name, String... mentions) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KeyNames.check(name));
        String message = e.getMessage();
        assertTrue(message.contains(RULE), () -> "message does not state the rule: " + message);
        for (String mention : mentions) {
            assertTrue(message.contains(mention), () -> "message does not mention " + mention + ": " + message);
        }
    }

    @Test
    void nullIsRejectedSayingItIsNull() {
        assertRejected(null, "name is null");
    }

    @Test
    void emptyIsRejectedWithItsLength() {
        assertRejected("", "\"\"", "length 0");
    }

    @Test
    void twoHundredAndOneCharactersAreRejectedWithTheStartOfTheNameAndItsLength() {
        String name = "n".repeat(201);
        assertRejected(name, "\"" + "n".repeat(60) + "...\"", "length 201");
    }

    @Test
    void blankIsRejectedNamingTheSpaceAndItsIndex() {
        assertRejected("   ", "\"   \"", "character ' ' at index 0");
    }

    @Test
    void spaceInsideIsRejectedNamingTheSpaceAndItsIndex() {
        assertRejected("a b", "\"a b\"", "character ' ' at index 1");
    }

    @Test
    void nonAsciiIsRejectedShowingItEscaped() {
        assertRejected("caf\u00e9", "\"caf\\u00e9\"", "character U+00E9 at index 3");
    }

    @Test
    void controlCharacterIsRejectedShowingItEscaped() {
        assertRejected("a\u0007b", "\"a\\u0007b\"", "character U+0007 at index 1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"x", "a.b_c-D9", "Z", "0", ".", "_", "-"})
    void validNamesAreReturnedUnchanged(String name) {
        assertSame(name, KeyNames.check(name));
    }

    @Test
    void exactlyTwoHundredCharactersAreValid() {
        String name = "a".repeat(KeyNames.MAX_LENGTH);
        assertEquals(200, name.length());
        assertSame(name, KeyNames.check(name));
    }

    @Test
    void nameCharactersAreExactlyTheDocumentedSet() {
        Pattern documented = Pattern.compile(KeyNames.CHARACTERS);
        for (int c = Character.MIN_VALUE; c <= Character.MAX_VALUE; c++) {
            boolean expected = documented.matcher(String.valueOf((char) c)).matches();
            assertEquals(expected, KeyNames.isNameChar((char) c), String.format("U+%04X", c));
        }
    }
}
