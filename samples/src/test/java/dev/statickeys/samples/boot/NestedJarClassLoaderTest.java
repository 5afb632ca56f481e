package dev.statickeys.samples.boot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Classes and resources from in-memory nested jars. The parent is the platform loader, so the fixture
 * class on the test class path is not found through it and the nested copy is used.
 */
class NestedJarClassLoaderTest {
    private static final String OUTER = "/apps/outer.jar";
    private static final String TABLE = "META-INF/statickeys/sites";
    private static final String FIXTURE = "dev/statickeys/samples/boot/Fixture.class";

    private NestedJarClassLoader loader;

    @BeforeEach
    void nestTwoJars() throws IOException {
        byte[] fixture;
        try (InputStream in = Fixture.class.getResourceAsStream("Fixture.class")) {
            fixture = in.readAllBytes();
        }
        NestedJar app = NestedJar.read("lib/app.jar", jar("7.1", Map.of(FIXTURE, fixture, TABLE, bytes("app table"))));
        NestedJar api = NestedJar.read("lib/api.jar", jar("2.0", Map.of(TABLE, bytes("api table"))));
        loader = new NestedJarClassLoader(OUTER, List.of(app, api), ClassLoader.getPlatformClassLoader());
    }

    @Test
    void classesAreDefinedFromTheNestedBytesWithTheirJarsPackageAttributes() throws Exception {
        Class<?> nested = Class.forName(Fixture.class.getName(), true, loader);
        assertNotSame(Fixture.class, nested);
        assertEquals("hello from nested", nested.getMethod("hello").invoke(null));
        assertEquals("7.1", nested.getPackage().getImplementationVersion());
        assertEquals("nested:/apps/outer.jar!/lib/app.jar",
                nested.getProtectionDomain().getCodeSource().getLocation().toString());
    }

    @Test
    void resourcesAreNestedUrlsThatOpenWithoutCaches() throws IOException {
        URL table = loader.getResource(TABLE);
        assertEquals("nested:/apps/outer.jar!/lib/app.jar!/" + TABLE, table.toString());
        // As the agent reads site tables: its own connection, caches off.
        URLConnection connection = table.openConnection();
        connection.setUseCaches(false);
        try (InputStream in = connection.getInputStream()) {
            assertEquals("app table", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        assertEquals(9, connection.getContentLengthLong());
    }

    @Test
    void getResourcesListsEveryJarsCopyInJarOrder() throws IOException {
        List<String> contents = new ArrayList<>();
        for (URL url : Collections.list(loader.getResources(TABLE))) {
            try (InputStream in = url.openStream()) {
                contents.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        assertEquals(List.of("app table", "api table"), contents);
    }

    @Test
    void classFilesAreResourcesToo() throws IOException {
        // The agent reads a key's declaring class as a resource to resolve its fields.
        try (InputStream in = loader.getResourceAsStream(FIXTURE);
                InputStream original = Fixture.class.getResourceAsStream("Fixture.class")) {
            assertArrayEquals(original.readAllBytes(), in.readAllBytes());
        }
    }

    @Test
    void missingClassesAndResourcesAreNamed() throws IOException {
        assertNull(loader.getResource("no/such/resource"));
        assertEquals("dev.statickeys.Nope (in none of the nested jars [lib/app.jar, lib/api.jar])",
                assertThrows(ClassNotFoundException.class, () -> loader.loadClass("dev.statickeys.Nope")).getMessage());
        URL wrong = new URL(loader.getResource(TABLE), "nested:/apps/outer.jar!/lib/app.jar!/missing");
        assertEquals(wrong + " (no such nested jar or entry)",
                assertThrows(FileNotFoundException.class, () -> wrong.openStream().close()).getMessage());
    }

    @Test
    void theParentComesFirst() throws ClassNotFoundException {
        assertEquals(ClassLoader.getPlatformClassLoader().loadClass("java.sql.Date"), loader.loadClass("java.sql.Date"));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] jar(String version, Map<String, byte[]> entries) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.IMPLEMENTATION_VERSION, version);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(bytes, manifest)) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                jar.putNextEntry(new ZipEntry(entry.getKey()));
                jar.write(entry.getValue());
            }
        }
        return bytes.toByteArray();
    }
}
