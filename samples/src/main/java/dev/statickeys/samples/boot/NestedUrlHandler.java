package dev.statickeys.samples.boot;

import java.io.ByteArrayInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLConnection;
import java.net.URLStreamHandler;
import java.util.Map;

/**
 * URLs for entries of in-memory {@link NestedJar}s:
 * {@code nested:/app/outer.jar!/lib/statickeys-api.jar!/dev/statickeys/StaticKey.class}. Each class
 * loader has its own handler, which knows its jars; the URLs carry it, so no global handler needs to be
 * registered (unlike Spring Boot, which registers a {@code jar:nested:} protocol for the whole JVM).
 * Opening one serves the bytes from memory; the outer jar is never read again.
 */
final class NestedUrlHandler extends URLStreamHandler {
    static final String PROTOCOL = "nested";
    static final String SEPARATOR = "!/";

    private final String outer;
    private final Map<String, NestedJar> jars;

    /** A handler for {@code jars} (by their paths) of the outer jar at {@code outer}. */
    NestedUrlHandler(String outer, Map<String, NestedJar> jars) {
        this.outer = outer;
        this.jars = jars;
    }

    /** The URL of entry {@code name} of {@code jar} (an existing entry: nothing is checked here). */
    URL url(NestedJar jar, String name) {
        return url(location(jar) + SEPARATOR + name);
    }

    /**
     * The URL of {@code jar} itself, {@code nested:/app/outer.jar!/lib/x.jar}: the code source of the classes
     * it defines. Opening it fails: only entries are served.
     */
    URL url(NestedJar jar) {
        return url(location(jar));
    }

    private String location(NestedJar jar) {
        return PROTOCOL + ":" + outer + SEPARATOR + jar.path();
    }

    private URL url(String spec) {
        try {
            // The constructor that takes a handler: the only way to use one without registering it for the
            // JVM. Deprecated from JDK 20 (URL.of(URI, handler) replaces it) but supported, and this code
            // is compiled for 17.
            return new URL(null, spec, this);
        } catch (MalformedURLException e) {
            throw new IllegalStateException("cannot build the URL " + spec, e);
        }
    }

    @Override
    protected URLConnection openConnection(URL url) throws IOException {
        return new URLConnection(url) {
            private byte[] bytes;

            @Override
            public void connect() throws IOException {
                if (bytes == null) {
                    bytes = bytes(getURL());
                    connected = true;
                }
            }

            @Override
            public InputStream getInputStream() throws IOException {
                connect();
                return new ByteArrayInputStream(bytes);
            }

            @Override
            public long getContentLengthLong() {
                try {
                    connect();
                    return bytes.length;
                } catch (IOException e) {
                    return -1;
                }
            }
        };
    }

    private byte[] bytes(URL url) throws IOException {
        String path = url.getPath();
        String prefix = outer + SEPARATOR;
        int split = path.indexOf(SEPARATOR, prefix.length());
        NestedJar jar = !path.startsWith(prefix) || split < 0 ? null : jars.get(path.substring(prefix.length(), split));
        byte[] bytes = jar == null ? null : jar.entry(path.substring(split + SEPARATOR.length()));
        if (bytes == null) {
            throw new FileNotFoundException(url + " (no such nested jar or entry)");
        }
        return bytes;
    }
}
