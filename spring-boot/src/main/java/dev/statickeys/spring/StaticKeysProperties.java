package dev.statickeys.spring;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code statickeys.*} properties. Key states are applied by {@link KeyStatesConfigurer} before any
 * application bean is created, from the {@code Environment} directly; this class describes them for
 * IDEs and the configuration metadata, and carries the other settings.
 */
@ConfigurationProperties(prefix = StaticKeysProperties.PREFIX)
public class StaticKeysProperties {
    /** The prefix of every property of the starter. */
    public static final String PREFIX = "statickeys";

    /**
     * States keys are put in at start-up, by key name: enabled or disabled. A key that is already defined
     * is flipped; one defined later starts in that state. Use brackets for names with upper-case letters
     * or underscores: statickeys.keys[Checkout_V2]=enabled.
     */
    private Map<String, KeyState> keys = new LinkedHashMap<>();

    private final OpenFeature openfeature = new OpenFeature();

    public Map<String, KeyState> getKeys() {
        return keys;
    }

    public void setKeys(Map<String, KeyState> keys) {
        this.keys = keys;
    }

    public OpenFeature getOpenfeature() {
        return openfeature;
    }

    /** Binding keys to the application's OpenFeature provider. */
    public static class OpenFeature {
        /**
         * Whether every key known when the application has started follows the OpenFeature boolean flag of
         * the same name (needs statickeys-openfeature and a FeatureProvider bean or a provider set in the
         * OpenFeature SDK).
         */
        private boolean enabled = true;

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }
    }
}
