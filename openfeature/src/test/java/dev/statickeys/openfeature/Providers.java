package dev.statickeys.openfeature;

import dev.openfeature.sdk.Client;
import dev.openfeature.sdk.FeatureProvider;
import dev.openfeature.sdk.OpenFeatureAPI;
import dev.openfeature.sdk.ProviderEventDetails;
import dev.openfeature.sdk.providers.memory.ContextEvaluator;
import dev.openfeature.sdk.providers.memory.Flag;
import dev.openfeature.sdk.providers.memory.InMemoryProvider;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** OpenFeature set-ups for the tests: each test gets its own domain, so providers never meet. */
final class Providers {
    private static final AtomicInteger DOMAINS = new AtomicInteger();

    private Providers() {}

    /** A boolean flag with a static value (evaluation reason STATIC). */
    static Flag<Boolean> flag(boolean value) {
        return Flag.<Boolean>builder().variant("on", true).variant("off", false)
                .defaultVariant(value ? "on" : "off").build();
    }

    /** A boolean flag with targeting: reason TARGETING_MATCH, or DEFAULT when the evaluator answers null. */
    static Flag<Boolean> targeted(ContextEvaluator<Boolean> evaluator) {
        return Flag.<Boolean>builder().variant("on", true).variant("off", false)
                .defaultVariant("off").contextEvaluator(evaluator).build();
    }

    /** An in-memory provider that can also change flags without an event ({@link #quietly}). */
    static final class Memory extends InMemoryProvider {
        private volatile boolean quiet;

        Memory(Map<String, Flag<?>> flags) {
            super(new HashMap<>(flags));
        }

        /** Updates {@code flag} without emitting PROVIDER_CONFIGURATION_CHANGED. */
        void quietly(String flag, Flag<?> value) {
            quiet = true;
            try {
                updateFlag(flag, value);
            } finally {
                quiet = false;
            }
        }

        @Override
        public dev.openfeature.sdk.Awaitable emitProviderConfigurationChanged(ProviderEventDetails details) {
            if (quiet) {
                return dev.openfeature.sdk.Awaitable.FINISHED;
            }
            return super.emitProviderConfigurationChanged(details);
        }
    }

    /** Installs {@code provider} in a fresh domain (waiting until it is ready) and returns that domain's client. */
    static Client install(FeatureProvider provider) {
        String domain = "statickeys-test-" + DOMAINS.incrementAndGet();
        OpenFeatureAPI.getInstance().setProviderAndWait(domain, provider);
        return OpenFeatureAPI.getInstance().getClient(domain);
    }
}
