package dev.statickeys.spring;

import dev.statickeys.FlipListener;
import dev.statickeys.StaticKey;
import dev.statickeys.StaticKeys;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * The keys in Micrometer, each meter tagged {@code key=<name>}:
 * <ul>
 * <li>{@value #ENABLED}, a gauge: 1 while the key is enabled, 0 while disabled (read from the key);</li>
 * <li>{@value #FLIPS}, a counter of the key's flips;</li>
 * <li>{@value #FLIP_DURATION}, a timer of the time each flip took to patch the key's sites.</li>
 * </ul>
 * Flips are counted from the moment this bean exists, whatever channel made them (the API, the endpoint,
 * with the agent also JMX and the attach command), through a {@link FlipListener}: so they are recorded
 * on the API's listener thread shortly after each flip. Gauges are registered for every key known once
 * the application's singletons exist, and for a key defined later at its first flip.
 */
final class StaticKeysMeters implements FlipListener, SmartInitializingSingleton, DisposableBean {
    static final String ENABLED = "statickeys.key.enabled";
    static final String FLIPS = "statickeys.flips";
    static final String FLIP_DURATION = "statickeys.flip.duration";
    static final String TAG = "key";

    private final MeterRegistry registry;
    private final Set<String> gauged = ConcurrentHashMap.newKeySet();

    StaticKeysMeters(MeterRegistry registry) {
        this.registry = registry;
        StaticKeys.addFlipListener(this);
    }

    @Override
    public void afterSingletonsInstantiated() {
        StaticKeys.all().forEach(this::gauge);
    }

    @Override
    public void flipped(String key, boolean enabled, Duration patchTime) {
        StaticKeys.find(key).ifPresent(this::gauge);
        Counter.builder(FLIPS).description("Flips of the static key").tag(TAG, key).register(registry).increment();
        Timer.builder(FLIP_DURATION).description("Time a flip of the static key took to patch its sites")
                .tag(TAG, key).register(registry).record(patchTime);
    }

    private void gauge(StaticKey key) {
        if (gauged.add(key.name())) {
            Gauge.builder(ENABLED, key, k -> k.isEnabled() ? 1 : 0).description("1 while the static key is enabled")
                    .tag(TAG, key.name()).strongReference(true).register(registry);
        }
    }

    @Override
    public void destroy() {
        StaticKeys.removeFlipListener(this);
    }
}
