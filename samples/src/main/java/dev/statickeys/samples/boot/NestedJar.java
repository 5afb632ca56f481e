package dev.statickeys.samples.boot;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * A jar nested inside the outer jar, read into memory once: its entries by name, and its manifest.
 * Immutable. Multi-release versions and signatures are not honoured (the jars nested here have neither).
 */
final class NestedJar {
    private final String path;
    private final Map<String, byte[]> entries;
    private final Manifest manifest;

    private NestedJar(String path, Map<String, byte[]> entries, Manifest manifest) {
        this.path = path;
        this.entries = entries;
        this.manifest = manifest;
    }

    /**
     * Reads the jar whose bytes are {@code jar}, found at {@code path} inside the outer jar.
     *
     * @throws IOException if it is not a readable zip file
     */
    static NestedJar read(String path, byte[] jar) throws IOException {
        Map<String, byte[]> entries = new HashMap<>();
        // ZipInputStream rather than JarInputStream: the latter hides the manifest entry, which
        // getResource("META-INF/MANIFEST.MF") must still find.
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(jar))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                entries.put(entry.getName(), in.readAllBytes());
            }
        }
        if (entries.isEmpty()) {
            throw new IOException(path + " is not a jar (no zip entries)");
        }
        byte[] manifest = entries.get("META-INF/MANIFEST.MF");
        return new NestedJar(path, Map.copyOf(entries),
                manifest == null ? new Manifest() : new Manifest(new ByteArrayInputStream(manifest)));
    }

    /** Where the jar is inside the outer jar, e.g. {@code lib/statickeys-api.jar}. */
    String path() {
        return path;
    }

    /** The bytes of entry {@code name}, or null if the jar has no such entry. */
    byte[] entry(String name) {
        return entries.get(name);
    }

    Manifest manifest() {
        return manifest;
    }
}
