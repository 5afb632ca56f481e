package dev.statickeys.spring;

import com.jayway.jsonpath.JsonPath;
import java.util.LinkedHashMap;
import java.util.Set;

/** Reading endpoint responses in the tests. */
final class JsonBodies {
    private JsonBodies() {}

    /** The key names of a list response, in the order the body has them. */
    static Set<String> keysOf(String body) {
        LinkedHashMap<String, Object> keys = JsonPath.read(body, "$.keys");
        return keys.keySet();
    }
}
