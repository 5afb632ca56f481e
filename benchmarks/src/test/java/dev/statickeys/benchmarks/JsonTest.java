package dev.statickeys.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
    @Test
    void readsWhatJmhWrites() {
        Object parsed = Json.parse("""
                [ { "benchmark" : "a.B.c", "params" : { "n" : "10" },
                    "primaryMetric" : { "score" : 1.5E-3, "scoreError" : "NaN", "rawData" : [ [ 1, -2.0 ] ] },
                    "ok" : true, "none" : null, "text" : "tab\\there \\u00b5s \\"q\\"" } ]""");
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("benchmark", "a.B.c");
        expected.put("params", Map.of("n", "10"));
        Map<String, Object> metric = new LinkedHashMap<>();
        metric.put("score", 1.5E-3);
        metric.put("scoreError", "NaN");
        metric.put("rawData", List.of(List.of(1.0, -2.0)));
        expected.put("primaryMetric", metric);
        expected.put("ok", true);
        expected.put("none", null);
        expected.put("text", "tab\there µs \"q\"");
        assertEquals(List.of(expected), parsed);
    }

    @Test
    void writesWhatItReads() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("list", Arrays.asList(1.0, "two\n", null, false, List.of(), Map.of()));
        value.put("nested", Map.of("k", "\u0001"));
        assertEquals(value, Json.parse(Json.write(value)));
    }

    @Test
    void malformedInputNamesTheOffsetAndWhatWasExpected() {
        assertEquals("JSON at offset 4: expected a value, found the end",
                assertThrows(IllegalArgumentException.class, () -> Json.parse("[1, ")).getMessage());
        assertEquals("JSON at offset 2: expected a member name, found '1'",
                assertThrows(IllegalArgumentException.class, () -> Json.parse("{ 1: 2}")).getMessage());
        assertEquals("JSON at offset 2: expected end of input, found 'x'",
                assertThrows(IllegalArgumentException.class, () -> Json.parse("{}x")).getMessage());
        assertEquals("JSON at offset 4: expected a closing quote, found the end",
                assertThrows(IllegalArgumentException.class, () -> Json.parse("\"abc")).getMessage());
        assertEquals("JSON at offset 0: expected a number, found '-'",
                assertThrows(IllegalArgumentException.class, () -> Json.parse("--1")).getMessage());
    }
}
