package dev.statickeys.spring;

import dev.statickeys.StaticKey;
import dev.statickeys.StaticKeys;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.lang.Nullable;

/**
 * The {@code statickeys} actuator endpoint, shaped like Spring Boot's {@code loggers}: list the keys, read
 * one, set one's state. Over HTTP, {@link StaticKeysEndpointWebExtension} gives the single-key operations
 * their statuses (400, 404, 409); these operations serve the other technologies (JMX), where a wrong
 * request is an exception naming the input.
 */
@Endpoint(id = StaticKeysEndpoint.ID)
// org.springframework.lang.Nullable (deprecated in Spring Framework 7) marks the optional body member: Spring
// Boot 4 takes any annotation named Nullable, Spring Boot 3 this one only.
@SuppressWarnings("deprecation")
public class StaticKeysEndpoint {
    /** The endpoint's id: {@code /actuator/statickeys}. */
    public static final String ID = "statickeys";

    /** Every key known in this JVM, in name order, with whether the agent is active and its backend. */
    @ReadOperation
    public KeysDescriptor keys() {
        Map<String, KeyDescriptor> keys = new LinkedHashMap<>();
        for (StaticKey key : StaticKeys.all()) { // sorted by name
            keys.put(key.name(), KeyDescriptor.of(key));
        }
        return new KeysDescriptor(StaticKeys.agentActive(), StaticKeys.backend(), keys);
    }

    /** Key {@code name}, or null (not found) if no key has that name. */
    @ReadOperation
    @Nullable
    public KeyDescriptor key(@Selector String name) {
        try {
            return KeyChange.find(name).map(KeyDescriptor::of).orElse(null);
        } catch (IllegalArgumentException e) {
            throw new InvalidEndpointRequestException(e.getMessage(), "invalid static key name");
        }
    }

    /**
     * Sets key {@code name} to {@code enabled} and returns the key as it is then; a refused change is an
     * exception with the API's message. (It returns the key rather than nothing so that its web form is the
     * same operation as the web extension's, which replaces it over HTTP.)
     */
    @WriteOperation
    public KeyDescriptor configure(@Selector String name, @Nullable Boolean enabled) {
        KeyChange.Result result = KeyChange.apply(name, enabled == null ? null : enabled.toString());
        switch (result.outcome()) {
            case DONE -> { }
            case MALFORMED, UNKNOWN -> throw new InvalidEndpointRequestException(result.message(), result.message());
            case REFUSED -> throw new IllegalStateException(result.message());
        }
        return KeyDescriptor.of(KeyChange.find(name).orElseThrow());
    }
}
