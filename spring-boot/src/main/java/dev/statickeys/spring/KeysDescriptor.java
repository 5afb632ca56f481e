package dev.statickeys.spring;

import java.util.Map;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;

/**
 * Every key as the {@code statickeys} endpoint lists it.
 *
 * @param agentActive whether the statickeys agent patches sites in this JVM
 * @param backend the form sites take when their class loads: {@code holder}, {@code inline}, or {@code none}
 *     without the agent
 * @param keys every key known in this JVM, by name, in name order
 */
public record KeysDescriptor(boolean agentActive, String backend, Map<String, KeyDescriptor> keys)
        implements OperationResponseBody {
}
