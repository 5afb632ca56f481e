package dev.statickeys.junit5;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.Locale;
import java.util.Properties;

/**
 * The one setting of auto-attach, {@value #NAME} ({@code true}, the default, or {@code false}), read where a
 * test run can put it before any test class loads: a system property, else the first
 * {@code junit-platform.properties} on the class path (JUnit's own configuration file, read the way JUnit reads
 * it). Configuration parameters a runner passes with its discovery request (Surefire's
 * {@code configurationParameters}) arrive after the session opened, too late to decide.
 *
 * <p>The name is outside the {@code statickeys.} prefix on purpose: the agent owns that prefix and refuses
 * system properties in it that it does not know.
 */
final class AttachSetting {
    /** The setting's name, as a system property or in {@code junit-platform.properties}. */
    static final String NAME = "dev.statickeys.junit.attach";
    static final String FILE = "junit-platform.properties";

    private AttachSetting() {}

    /**
     * Whether auto-attach is on in this JVM.
     *
     * @throws IllegalArgumentException naming where the value was given, if it is neither true nor false
     */
    static boolean enabled(ClassLoader loader) {
        return enabled(System.getProperty(NAME), loader);
    }

    /** {@link #enabled(ClassLoader)} with the system property's value given ({@code property}, null if unset). */
    static boolean enabled(String property, ClassLoader loader) {
        if (property != null) {
            return parse(property, "system property '" + NAME + "=" + property + "'");
        }
        URL file = loader == null ? null : loader.getResource(FILE);
        if (file == null) {
            return true;
        }
        String value = read(file).getProperty(NAME);
        return value == null || parse(value, "'" + NAME + "=" + value + "' in " + file);
    }

    /** {@code true} or {@code false}, in any case, with surrounding blanks ignored. */
    static boolean parse(String value, String source) {
        switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true":
                return true;
            case "false":
                return false;
            default:
                throw new IllegalArgumentException("statickeys-junit5: " + source + ": expected " + NAME
                        + "=true or " + NAME + "=false");
        }
    }

    private static Properties read(URL file) {
        Properties properties = new Properties();
        try (InputStream in = file.openStream()) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("statickeys-junit5: cannot read " + file, e);
        }
        return properties;
    }
}
