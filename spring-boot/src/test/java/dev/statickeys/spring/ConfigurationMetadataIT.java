package dev.statickeys.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;

/** The built jar carries the configuration metadata (generated, with the hints merged in) and the imports file. */
class ConfigurationMetadataIT {
    private static String entry(String name) throws IOException {
        Path jar = Path.of(System.getProperty("it.statickeys.starterJar"));
        assertThat(Files.isRegularFile(jar)).as(jar.toString()).isTrue();
        try (JarFile file = new JarFile(jar.toFile())) {
            ZipEntry entry = file.getEntry(name);
            assertThat(entry).as(name + " in " + jar).isNotNull();
            try (InputStream in = file.getInputStream(entry)) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
    }

    @Test
    void theJarsMetadataNamesThePropertiesAndTheHints() throws IOException {
        String metadata = entry("META-INF/spring-configuration-metadata.json");
        assertThat(metadata).contains("\"name\": \"statickeys.keys\"", "\"name\": \"statickeys.openfeature.enabled\"",
                "\"name\": \"statickeys.keys.values\"", "\"value\": \"enabled\"", "\"value\": \"disabled\"");
    }

    @Test
    void theJarRegistersTheAutoConfiguration() throws IOException {
        assertThat(entry("META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports").trim())
                .isEqualTo(StaticKeysAutoConfiguration.class.getName());
    }
}
