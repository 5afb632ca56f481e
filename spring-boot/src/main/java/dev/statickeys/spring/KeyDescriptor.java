package dev.statickeys.spring;

import dev.statickeys.KeyStatistics;
import dev.statickeys.StaticKey;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;

/**
 * One key as the {@code statickeys} endpoint shows it.
 *
 * @param enabled whether the key is enabled (count above 0)
 * @param count the key's reference count
 * @param defaultEnabled the definition's state: true for {@code defineTrue}
 * @param sites branch sites in loaded classes (0 without the agent)
 * @param classes loaded classes with sites of the key (0 without the agent)
 * @param flips patch operations that changed the key's state since the JVM started
 */
public record KeyDescriptor(boolean enabled, int count, boolean defaultEnabled, long sites, long classes, long flips)
        implements OperationResponseBody {

    /** A snapshot of {@code key}. */
    static KeyDescriptor of(StaticKey key) {
        KeyStatistics statistics = key.statistics();
        int count = key.count();
        return new KeyDescriptor(count > 0, count, key.initialValue(), statistics.sites(), statistics.classes(),
                statistics.flips());
    }
}
