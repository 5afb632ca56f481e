package dev.statickeys.samples.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FlatJsonTest {
    @Test
    void aFormattedObjectParsesBackToItsText() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("name", "a \"quoted\"\\ line\nand\ttab");
        fields.put("count", 42L);
        fields.put("ok", true);
        String json = FlatJson.format(fields);
        assertEquals("{\"name\":\"a \\\"quoted\\\"\\\\ line\\u000aand\\u0009tab\",\"count\":42,\"ok\":true}", json);
        assertEquals(Map.of("name", "a \"quoted\"\\ line\nand\ttab", "count", "42", "ok", "true"), FlatJson.parse(json));
    }

    @Test
    void whitespaceEscapesAndEmptyObjectsParse() {
        assertEquals(Map.of(), FlatJson.parse(" { } "));
        assertEquals(Map.of("a", "\u00e9/\b", "b", "-1.5e3"), FlatJson.parse("{ \"a\" : \"\\u00e9\\/\\b\" ,\n \"b\":-1.5e3 }"));
    }

    @Test
    void errorsNameTheOffsetAndWhatWasExpected() {
        assertEquals("JSON: at offset 0 expected '{', found '['",
                assertThrows(IllegalArgumentException.class, () -> FlatJson.parse("[1]")).getMessage());
        assertEquals("JSON: at offset 5 expected a string, number, true, false or null (nested objects and arrays"
                + " are not supported), found '{'",
                assertThrows(IllegalArgumentException.class, () -> FlatJson.parse("{\"a\":{}}")).getMessage());
        assertEquals("JSON: at offset 6 expected the rest of a string, found the end of the input",
                assertThrows(IllegalArgumentException.class, () -> FlatJson.parse("{\"a\":\"")).getMessage());
        assertEquals("JSON: at offset 8 expected the end of the object, found 'x'",
                assertThrows(IllegalArgumentException.class, () -> FlatJson.parse("{\"a\":1} x")).getMessage());
        assertEquals("JSON: field \"a\" appears twice",
                assertThrows(IllegalArgumentException.class, () -> FlatJson.parse("{\"a\":1,\"a\":2}")).getMessage());
    }
}
