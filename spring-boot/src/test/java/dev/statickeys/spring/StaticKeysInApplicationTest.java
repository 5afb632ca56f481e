package dev.statickeys.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.statickeys.StaticKey;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;

/**
 * The starter among all of Spring Boot's auto-configurations, as in an application: it is ordered after the
 * metrics auto-configuration (named by class name, which differs between Spring Boot 3 and 4), so the
 * registry Spring Boot makes is there when the meters' condition is evaluated.
 */
@SpringBootTest(classes = WebTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.MOCK)
class StaticKeysInApplicationTest {
    @Autowired
    private ApplicationContext context;

    @Autowired
    private MeterRegistry registry;

    @Test
    void theMetersAreRegisteredInTheRegistrySpringBootMade() {
        assertThat(context.getBeansOfType(StaticKeysMeters.class)).hasSize(1);
        StaticKey key = StaticKey.defineFalse("app.metered"); // after the context: it gets its meters at its flip
        key.enable();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(registry.find(StaticKeysMeters.FLIPS).tag("key", key.name()).counter()).isNotNull());
        assertThat(registry.get(StaticKeysMeters.ENABLED).tag("key", key.name()).gauge().value()).isOne();
    }
}
