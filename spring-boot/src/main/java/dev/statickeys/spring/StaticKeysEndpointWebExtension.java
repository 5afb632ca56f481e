package dev.statickeys.spring;

import java.util.Map;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.EndpointWebExtension;
import org.springframework.lang.Nullable;

/**
 * The {@code statickeys} endpoint over HTTP: the statuses of its single-key operations.
 *
 * <pre>
 * GET  /actuator/statickeys/{name}                        200 the key, 400 invalid name, 404 unknown key
 * POST /actuator/statickeys/{name}  {"enabled": true}     204 done (also when already in that state),
 *                                                          400 malformed body or invalid name, 404 unknown
 *                                                          key, 409 refused by the API (disable at count 2+)
 * </pre>
 * Error bodies are {@code {"message": "..."}}, the message naming the input and what was expected, or the
 * API's refusal word for word. The list ({@code GET /actuator/statickeys}) is the endpoint's own.
 */
@EndpointWebExtension(endpoint = StaticKeysEndpoint.class)
// org.springframework.lang.Nullable (deprecated in Spring Framework 7) marks the optional body member: Spring
// Boot 4 takes any annotation named Nullable, Spring Boot 3 this one only.
@SuppressWarnings("deprecation")
public class StaticKeysEndpointWebExtension {
    /** Key {@code name}. */
    @ReadOperation
    public WebEndpointResponse<Object> key(@Selector String name) {
        try {
            return KeyChange.find(name)
                    .<WebEndpointResponse<Object>>map(key -> new WebEndpointResponse<>(KeyDescriptor.of(key)))
                    .orElseGet(() -> error(WebEndpointResponse.STATUS_NOT_FOUND, "no static key named \"" + name + "\""));
        } catch (IllegalArgumentException e) {
            return error(WebEndpointResponse.STATUS_BAD_REQUEST, e.getMessage());
        }
    }

    /**
     * Sets key {@code name} to the body's {@code enabled}. The member is taken as text, not converted, so
     * that {@code "yes"} or {@code 1} is a malformed body rather than a guess. (The actuator reads a body's
     * members as strings: the JSON string {@code "true"} cannot be told from {@code true} and is accepted.)
     */
    @WriteOperation
    public WebEndpointResponse<Object> configure(@Selector String name, @Nullable String enabled) {
        KeyChange.Result result = KeyChange.apply(name, enabled);
        return switch (result.outcome()) {
            case DONE -> new WebEndpointResponse<>(WebEndpointResponse.STATUS_NO_CONTENT);
            case MALFORMED -> error(WebEndpointResponse.STATUS_BAD_REQUEST, result.message());
            case UNKNOWN -> error(WebEndpointResponse.STATUS_NOT_FOUND, result.message());
            case REFUSED -> error(409, result.message());
        };
    }

    private static WebEndpointResponse<Object> error(int status, String message) {
        return new WebEndpointResponse<>(Map.of("message", message), status);
    }
}
