package dev.statickeys.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootVersion;
import org.springframework.core.SpringVersion;
import org.springframework.util.ClassUtils;

/**
 * The starter's tests in this module prove something only if they run on Spring Boot 3.5 with the starter jar
 * the reactor built against Spring Boot 4: this checks both.
 */
class SpringBoot3ClassPathTest {
    private static boolean present(String className) {
        return ClassUtils.isPresent(className, SpringBoot3ClassPathTest.class.getClassLoader());
    }

    @Test
    void theApplicationIsOnSpringBoot3() {
        assertThat(SpringBootVersion.getVersion()).isEqualTo(System.getProperty("it.springBootVersion")).startsWith("3.5.");
        assertThat(SpringVersion.getVersion()).startsWith("6.2.");
        assertThat(present("org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration"))
                .as("Spring Boot 3's metrics auto-configuration").isTrue();
        assertThat(present("org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration"))
                .as("Spring Boot 4's metrics auto-configuration").isFalse();
    }

    @Test
    void theStarterIsTheJarTheReactorBuilt() throws Exception {
        Path loadedFrom = Path.of(StaticKeysAutoConfiguration.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        assertThat(loadedFrom).isEqualTo(Path.of(System.getProperty("it.statickeys.starterJar")).toAbsolutePath().normalize());
    }
}
