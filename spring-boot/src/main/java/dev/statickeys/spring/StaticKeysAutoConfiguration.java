package dev.statickeys.spring;

import dev.openfeature.sdk.FeatureProvider;
import dev.openfeature.sdk.OpenFeatureAPI;
import dev.statickeys.openfeature.StaticKeyFlags;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Auto-configuration of statickeys: key states from {@code statickeys.keys.*} (always), the
 * {@code statickeys} actuator endpoint (with the actuator), meters (with Micrometer and a
 * {@link MeterRegistry} bean), and keys bound to OpenFeature flags (with statickeys-openfeature and a
 * provider; {@code statickeys.openfeature.enabled=false} opts out). Each optional part is a nested
 * configuration guarded by its classes, so this class loads without any of them.
 *
 * <p>Ordered after the metrics auto-configurations of Spring Boot 4 and 3 (by name: neither is a
 * dependency), so that their {@code MeterRegistry} is there when the meters' condition is evaluated.
 */
@AutoConfiguration(afterName = {
    "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
    "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration",
    "org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration",
    "org.springframework.boot.actuate.autoconfigure.metrics.export.simple.SimpleMetricsExportAutoConfiguration"})
@EnableConfigurationProperties(StaticKeysProperties.class)
public class StaticKeysAutoConfiguration {

    /** Static: a bean factory post-processor must not make its configuration class be created early. */
    @Bean
    static KeyStatesConfigurer staticKeysStatesConfigurer() {
        return new KeyStatesConfigurer();
    }

    /**
     * The actuator endpoint, when the actuator is there. Its availability condition is on a class nested one
     * level deeper: the condition's own class comes with the actuator, and the conditions of one class are
     * all loaded before any is evaluated.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass({Endpoint.class, ConditionalOnAvailableEndpoint.class})
    static class ActuatorConfiguration {
        /** The endpoint, when the application makes it available (enabled, and exposed on web or JMX). */
        @Configuration(proxyBeanMethods = false)
        @ConditionalOnAvailableEndpoint(endpoint = StaticKeysEndpoint.class)
        static class EndpointConfiguration {
            @Bean
            @ConditionalOnMissingBean
            StaticKeysEndpoint staticKeysEndpoint() {
                return new StaticKeysEndpoint();
            }

            @Bean
            @ConditionalOnMissingBean
            StaticKeysEndpointWebExtension staticKeysEndpointWebExtension() {
                return new StaticKeysEndpointWebExtension();
            }
        }
    }

    /** The meters, when Micrometer is there with a registry. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(MeterRegistry.class)
    @ConditionalOnBean(MeterRegistry.class)
    static class MetersConfiguration {
        @Bean
        StaticKeysMeters staticKeysMeters(MeterRegistry registry) {
            return new StaticKeysMeters(registry);
        }
    }

    /** Keys bound to OpenFeature flags, when statickeys-openfeature and the SDK are there. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass({StaticKeyFlags.class, OpenFeatureAPI.class})
    @ConditionalOnProperty(prefix = "statickeys.openfeature", name = "enabled", havingValue = "true", matchIfMissing = true)
    static class OpenFeatureConfiguration {
        @Bean
        KeyFlagBinding staticKeysFlagBinding(ObjectProvider<FeatureProvider> provider) {
            return new KeyFlagBinding(provider.getIfUnique());
        }
    }
}
