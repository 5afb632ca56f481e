package dev.statickeys.agent.ops;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * Which build of the agent a class comes from: the project version and a stamp Maven bakes into the
 * jar at build time ({@code build.properties} beside this class, also shown in the manifest as
 * {@code Statickeys-Build}). Two jars built from the same version at different times are different
 * builds: the attach command refuses to drive a target agent of another build.
 *
 * @param version the project version, e.g. {@code 0.1.0-SNAPSHOT}
 * @param stamp when the jar was built (UTC, {@code yyyyMMdd-HHmmss.SSS}), or {@code unknown}
 */
public record Build(String version, String stamp) {
    private static final String UNKNOWN = "unknown";
    private static final Build CURRENT = read();

    /** The build of the code running this method. */
    public static Build current() {
        return CURRENT;
    }

    /** One token for the wire (no {@code ':'}): {@code version/stamp}. */
    public String id() {
        return (version + "/" + stamp).replace(':', '_');
    }

    /** Reads a build back from {@link #id()}; an id without {@code '/'} is a version with an unknown stamp. */
    public static Build parse(String id) {
        int slash = id.lastIndexOf('/');
        return slash < 0 ? new Build(id, UNKNOWN) : new Build(id.substring(0, slash), id.substring(slash + 1));
    }

    @Override
    public String toString() {
        return version + " (build " + stamp + ")";
    }

    private static Build read() {
        Properties properties = new Properties();
        try (InputStream in = Build.class.getResourceAsStream("build.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            // an unreadable resource reads as an unknown build; such a jar matches only itself
        }
        return new Build(clean(properties.getProperty("version")), clean(properties.getProperty("stamp")));
    }

    /** An unfiltered or missing value (run from sources without Maven) reads as unknown. */
    private static String clean(String value) {
        return value == null || value.isBlank() || value.contains("${") ? UNKNOWN : value.trim();
    }
}
