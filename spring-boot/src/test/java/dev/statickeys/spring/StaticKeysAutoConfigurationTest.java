package dev.statickeys.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.openfeature.sdk.FeatureProvider;
import dev.openfeature.sdk.NoOpProvider;
import dev.openfeature.sdk.OpenFeatureAPI;
import dev.openfeature.sdk.providers.memory.Flag;
import dev.openfeature.sdk.providers.memory.InMemoryProvider;
import dev.statickeys.StaticKey;
import dev.statickeys.openfeature.StaticKeyFlags;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The auto-configuration's parts, with and without their optional classes and beans (without the agent). */
class StaticKeysAutoConfigurationTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(StaticKeysAutoConfiguration.class));

    // --- statickeys.keys.*

    /** A bean whose constructor reads keys, as application code does in constructors and @PostConstruct. */
    static final class EarlyReader {
        final boolean early = PropertyKeys.EARLY.isEnabled();
        final boolean mixedCase = PropertyKeys.MIXED_CASE.isEnabled();
        final boolean defined = PropertyKeys.DEFINED.isEnabled();
    }

    @Configuration(proxyBeanMethods = false)
    static class EarlyReaderConfiguration {
        @Bean
        EarlyReader earlyReader() {
            return new EarlyReader();
        }
    }

    @Test
    void configuredStatesAreAppliedBeforeTheApplicationsBeansAreCreated() {
        StaticKey defined = StaticKey.defineTrue("props.defined"); // defined before the context starts
        runner.withUserConfiguration(EarlyReaderConfiguration.class)
                .withPropertyValues("statickeys.keys.props.early=enabled", "statickeys.keys[props.Mixed_Case]=Enabled",
                        "statickeys.keys.props.defined=disabled")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    EarlyReader reader = context.getBean(EarlyReader.class);
                    assertThat(reader.early).as("a key defined after the properties were applied").isTrue();
                    assertThat(reader.mixedCase).as("a name with capitals and an underscore, in brackets").isTrue();
                    assertThat(reader.defined).as("a key defined before: flipped").isFalse();
                    assertThat(defined.isEnabled()).isFalse();
                });
    }

    @Test
    void aValueOtherThanEnabledOrDisabledStopsTheStartNamingThePropertyAndTheExpectedValues() {
        StaticKey untouched = StaticKey.defineFalse("props.untouched1");
        runner.withPropertyValues("statickeys.keys.props.untouched1=enabled", "statickeys.keys.props.bad=on")
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).rootCause().hasMessage(
                            "statickeys.keys.props.bad: \"on\" is not a key state; expected enabled or disabled");
                    assertThat(untouched.isEnabled()).as("every entry is checked before any is applied").isFalse();
                });
    }

    @Test
    void anInvalidKeyNameStopsTheStartNamingThePropertyAndTheRule() {
        StaticKey untouched = StaticKey.defineFalse("props.untouched2");
        runner.withPropertyValues("statickeys.keys.props.untouched2=enabled", "statickeys.keys[bad$name]=enabled")
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("invalid static key name");
                    assertThat(context.getStartupFailure()).hasMessageContaining("statickeys.keys.bad$name: ")
                            .hasMessageContaining("expected 1 to 200 characters from [A-Za-z0-9._-]");
                    assertThat(untouched.isEnabled()).isFalse();
                });
    }

    @Test
    void aDisableTheApiRefusesStopsTheStartWithTheApisMessage() {
        StaticKey held = StaticKey.defineFalse("props.held");
        held.increment();
        held.increment();
        runner.withPropertyValues("statickeys.keys.props.held=disabled").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).hasMessageContaining(
                    "statickeys.keys.props.held=disabled cannot be applied: cannot disable static key \"props.held\":"
                            + " its count is 2");
            assertThat(held.count()).isEqualTo(2);
        });
    }

    // --- the endpoint

    @Test
    void theEndpointExistsOnlyWhenTheApplicationExposesIt() {
        WebApplicationContextRunner web = new WebApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(StaticKeysAutoConfiguration.class));
        web.run(context -> assertThat(context).doesNotHaveBean(StaticKeysEndpoint.class));
        web.withPropertyValues("management.endpoints.web.exposure.include=statickeys").run(context -> {
            assertThat(context).hasSingleBean(StaticKeysEndpoint.class).hasSingleBean(StaticKeysEndpointWebExtension.class);
            KeysDescriptor keys = context.getBean(StaticKeysEndpoint.class).keys();
            assertThat(keys.agentActive()).isFalse();
            assertThat(keys.backend()).isEqualTo("none");
        });
    }

    @Test
    void withoutTheActuatorThereIsNoEndpointAndTheRestWorks() {
        StaticKey key = StaticKey.defineFalse("props.noactuator");
        runner.withClassLoader(new FilteredClassLoader("org.springframework.boot.actuate"))
                .withPropertyValues("management.endpoints.web.exposure.include=statickeys",
                        "statickeys.keys.props.noactuator=enabled")
                .run(context -> {
                    assertThat(context).hasNotFailed().doesNotHaveBean(StaticKeysEndpoint.class);
                    assertThat(key.isEnabled()).isTrue();
                });
    }

    // --- Micrometer

    @Test
    void withAMeterRegistryEachKeyHasAGaugeAFlipCounterAndAFlipTimer() {
        StaticKey key = StaticKey.defineFalse("meters.key");
        runner.withBean(SimpleMeterRegistry.class).run(context -> {
            assertThat(context).hasSingleBean(StaticKeysMeters.class);
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            assertThat(registry.get(StaticKeysMeters.ENABLED).tag("key", "meters.key").gauge().value()).isZero();
            key.enable();
            await().atMost(WAIT).untilAsserted(() ->
                    assertThat(registry.find(StaticKeysMeters.FLIPS).tag("key", "meters.key").counter())
                            .isNotNull().extracting(counter -> counter.count()).isEqualTo(1.0));
            assertThat(registry.get(StaticKeysMeters.FLIP_DURATION).tag("key", "meters.key").timer().count()).isOne();
            assertThat(registry.get(StaticKeysMeters.ENABLED).tag("key", "meters.key").gauge().value()).isOne();
        });
    }

    @Test
    void aKeyDefinedAfterStartUpGetsItsGaugeAtItsFirstFlip() {
        runner.withBean(SimpleMeterRegistry.class).run(context -> {
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            StaticKey late = StaticKey.defineFalse("meters.late");
            late.enable();
            await().atMost(WAIT).untilAsserted(() ->
                    assertThat(registry.find(StaticKeysMeters.ENABLED).tag("key", "meters.late").gauge()).isNotNull());
            assertThat(registry.get(StaticKeysMeters.ENABLED).tag("key", "meters.late").gauge().value()).isOne();
        });
    }

    @Test
    void withoutAMeterRegistryBeanOrWithoutMicrometerThereAreNoMeters() {
        runner.run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(StaticKeysMeters.class));
        runner.withClassLoader(new FilteredClassLoader(MeterRegistry.class))
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(StaticKeysMeters.class));
    }

    // --- OpenFeature

    private static FeatureProvider provider(String flag, boolean value) {
        Flag<Boolean> booleanFlag = Flag.<Boolean>builder().variant("on", true).variant("off", false)
                .defaultVariant(value ? "on" : "off").build();
        return new InMemoryProvider(Map.of(flag, booleanFlag));
    }

    @Test
    void withAFeatureProviderBeanEveryKeyFollowsTheFlagOfItsName() {
        StaticKey key = StaticKey.defineFalse("flags.bean");
        runner.withBean(FeatureProvider.class, () -> provider("flags.bean", true)).run(context -> {
            assertThat(context).hasSingleBean(KeyFlagBinding.class);
            await().atMost(WAIT).until(key::isEnabled);
            StaticKeyFlags flags = context.getBean(KeyFlagBinding.class).flags();
            assertThat(flags.bindings()).anySatisfy(binding -> assertThat(binding.key()).isEqualTo(key.name()));
        });
    }

    @Test
    void withTheSdksProviderSetEveryKeyFollowsTheFlagOfItsName() throws Exception {
        StaticKey key = StaticKey.defineFalse("flags.sdk");
        OpenFeatureAPI.getInstance().setProviderAndWait(provider("flags.sdk", true));
        try {
            runner.run(context -> {
                await().atMost(WAIT).until(key::isEnabled);
                KeyFlagBinding binding = context.getBean(KeyFlagBinding.class);
                assertThat(binding.isRunning()).isTrue();
                context.close();
                assertThat(binding.flags()).as("closed with the context").isNull();
                assertThat(binding.isRunning()).isFalse();
            });
        } finally {
            OpenFeatureAPI.getInstance().setProviderAndWait(new NoOpProvider());
        }
    }

    @Test
    void withoutAProviderNothingIsBound() {
        runner.run(context -> assertThat(context.getBean(KeyFlagBinding.class).flags()).isNull());
    }

    @Test
    void theOptOutPropertyOrAMissingModuleLeavesKeysUnbound() {
        StaticKey key = StaticKey.defineFalse("flags.optout");
        runner.withBean(FeatureProvider.class, () -> provider("flags.optout", true))
                .withPropertyValues("statickeys.openfeature.enabled=false")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(KeyFlagBinding.class));
        runner.withBean(FeatureProvider.class, () -> provider("flags.optout", true))
                .withClassLoader(new FilteredClassLoader(StaticKeyFlags.class))
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(KeyFlagBinding.class));
        runner.withClassLoader(new FilteredClassLoader("dev.openfeature"))
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(KeyFlagBinding.class));
        assertThat(key.isEnabled()).isFalse();
    }
}
