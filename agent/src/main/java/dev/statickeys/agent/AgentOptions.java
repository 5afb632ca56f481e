package dev.statickeys.agent;

import dev.statickeys.agent.boot.Trampoline;
import dev.statickeys.agent.jvm.SiteForm;
import dev.statickeys.internal.core.KeyRegistry;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

/**
 * The agent's settings, from three sources: agent options
 * ({@code -javaagent:statickeys-agent.jar=name=value,name=value}), system properties
 * ({@code -Dstatickeys.name=value}) and a properties file ({@code config=<file>}, itself given as an option
 * or a system property). Each setting is taken from the first source that has it, in that order, else
 * its default. Every value is checked at start-up; a bad one stops the agent with a message naming the
 * setting, where it came from and what is accepted.
 *
 * <table>
 *   <caption>Settings</caption>
 *   <tr><th>setting</th><th>meaning</th></tr>
 *   <tr><td>{@code backend=holder}</td><td>sites call a per-key holder method; a flip retransforms the
 *       holders only (the default)</td></tr>
 *   <tr><td>{@code backend=inline}</td><td>sites are patched in place; a flip retransforms the classes
 *       holding them</td></tr>
 *   <tr><td>{@code flipBudget=<n>}</td><td>how many flips a key's holder is re-patched for before it reads
 *       the key's call site instead (default 50; see the README, "Frequent flips")</td></tr>
 *   <tr><td>{@code siteTables=false}</td><td>ignore the site tables in the application's jars and scan
 *       every class that mentions {@code StaticKey} (default {@code true})</td></tr>
 *   <tr><td>{@code dump=<dir>}</td><td>write every class file the agent patches to {@code <dir>}</td></tr>
 *   <tr><td>{@code key.<name>=enabled|disabled}</td><td>the state key {@code <name>} starts in, whatever its
 *       definition says; may name keys whose classes are not loaded yet</td></tr>
 *   <tr><td>{@code logLevel=<level>}</td><td>the least severe agent message passed to {@link System.Logger}:
 *       {@code off, error, warning, info, debug, trace} (default {@code info})</td></tr>
 *   <tr><td>{@code jmx=true|false}</td><td>register the {@code dev.statickeys:type=StaticKeys} MXBean in the
 *       platform MBean server (default {@code true})</td></tr>
 *   <tr><td>{@code checkKeysAfter=<seconds>}</td><td>when to report {@code key.*} settings naming keys not
 *       defined by then (default 10; also at exit if earlier)</td></tr>
 *   <tr><td>{@code config=<file>}</td><td>a properties file with more settings (option or system property
 *       only): a regular file (links followed) of at most {@value #MAX_CONFIG_BYTES} bytes, each setting
 *       given once</td></tr>
 * </table>
 */
public final class AgentOptions {
    static final String ACCEPTED = "backend=holder|inline, flipBudget=<n>, siteTables=true|false, dump=<directory>,"
            + " key.<name>=enabled|disabled, logLevel=off|error|warning|info|debug|trace, jmx=true|false,"
            + " checkKeysAfter=<seconds>, config=<file>";
    /** The default {@code flipBudget}: far enough below HotSpot's recompilation cutoff (400). */
    public static final int DEFAULT_FLIP_BUDGET = 50;
    /** The prefix of the agent's system properties (the trampoline's, which defers premain without any). */
    public static final String PROPERTY_PREFIX = Trampoline.PROPERTY_PREFIX;
    static final String KEY_PREFIX = "key.";
    private static final Set<String> NAMES = Set.of("backend", "flipBudget", "siteTables", "dump", "logLevel", "jmx",
            "checkKeysAfter", "config");
    private static final int DEFAULT_CHECK_KEYS_AFTER = 10;
    /** The largest config file read: 1 MiB, far more than any list of settings needs. */
    public static final int MAX_CONFIG_BYTES = 1 << 20;

    private SiteForm backend = SiteForm.HOLDER;
    private int flipBudget = DEFAULT_FLIP_BUDGET;
    private boolean siteTables = true;
    private Path dump;
    private Level logLevel = Level.INFO;
    private boolean jmx = true;
    private int checkKeysAfter = DEFAULT_CHECK_KEYS_AFTER;
    private Path config;
    private final Map<String, Boolean> keys = new TreeMap<>();

    private AgentOptions() {}

    /** One setting as given, with where it was given ({@code %s} standing for the setting), for messages. */
    private record Setting(String name, String value, String source) {
        /** "option 'backend=fast'", "system property 'statickeys.backend=fast'", "'backend=fast' in file F". */
        String where() {
            return source.replace("%s", name + "=" + value);
        }

        IllegalArgumentException invalid(String expected) {
            return new IllegalArgumentException(where() + ": expected " + expected);
        }
    }

    /** Whether the agent reads the site tables of class loaders (default true). */
    public boolean siteTables() {
        return siteTables;
    }

    /** How many times a key's holder is re-patched before it reads the key's call site instead. */
    public int flipBudget() {
        return flipBudget;
    }

    /** The form sites take at load: {@link SiteForm#HOLDER} (the default) or {@link SiteForm#INLINE}. */
    public SiteForm backend() {
        return backend;
    }

    /** The dump directory, or null. */
    public Path dump() {
        return dump;
    }

    /** The least severe level of the agent's messages that reaches {@link System.Logger}. */
    public Level logLevel() {
        return logLevel;
    }

    /** Whether the MXBean is registered. */
    public boolean jmx() {
        return jmx;
    }

    /** Seconds after start-up when {@code key.*} settings naming undefined keys are reported. */
    public int checkKeysAfter() {
        return checkKeysAfter;
    }

    /** The properties file read, or null. */
    public Path config() {
        return config;
    }

    /** The configured starting states, by key name, sorted. */
    public Map<String, Boolean> keys() {
        return Collections.unmodifiableMap(keys);
    }

    /** The agent options alone (no system properties, no file unless {@code config=} names one). */
    public static AgentOptions parse(String text) {
        return load(text, Map.of());
    }

    /**
     * The settings from the text after {@code =} in {@code -javaagent:jar=...} (null or empty for none),
     * the {@code statickeys.*} entries of {@code systemProperties}, and the file named by {@code config}.
     *
     * @throws IllegalArgumentException naming the offending setting, its source and what is accepted
     */
    public static AgentOptions load(String text, Map<String, String> systemProperties) {
        Map<String, Setting> options = fromOptions(text);
        Map<String, Setting> properties = fromSystemProperties(systemProperties);
        Map<String, Setting> merged = new LinkedHashMap<>();
        Setting config = options.containsKey("config") ? options.get("config") : properties.get("config");
        if (config != null) {
            merged.putAll(fromFile(config));
        }
        merged.putAll(properties);
        merged.putAll(options);
        AgentOptions result = new AgentOptions();
        for (Setting setting : merged.values()) {
            result.apply(setting);
        }
        return result;
    }

    private static Map<String, Setting> fromOptions(String text) {
        Map<String, Setting> settings = new LinkedHashMap<>();
        if (text == null || text.isEmpty()) {
            return settings;
        }
        for (String option : text.split(",", -1)) {
            int equals = option.indexOf('=');
            if (option.isEmpty() || equals <= 0) {
                throw new IllegalArgumentException("malformed option '" + option + "' in '" + text
                        + "'; expected name=value, accepted options: " + ACCEPTED);
            }
            String name = option.substring(0, equals);
            if (settings.containsKey(name)) {
                throw new IllegalArgumentException("option '" + name + "' is given twice in '" + text
                        + "'; accepted options: " + ACCEPTED);
            }
            settings.put(name, known(new Setting(name, option.substring(equals + 1), "option '%s'"), "option", text));
        }
        return settings;
    }

    private static Map<String, Setting> fromSystemProperties(Map<String, String> properties) {
        Map<String, Setting> settings = new TreeMap<>();
        for (Map.Entry<String, String> entry : properties.entrySet()) {
            String property = entry.getKey();
            if (property.startsWith(PROPERTY_PREFIX)) {
                String name = property.substring(PROPERTY_PREFIX.length());
                settings.put(name, known(new Setting(name, entry.getValue(), "system property '" + PROPERTY_PREFIX
                        + "%s'"), "system property", property));
            }
        }
        return settings;
    }

    private static Map<String, Setting> fromFile(Setting config) {
        Path file = path(config);
        byte[] bytes = readConfig(config, file);
        Properties properties = new OnceEachProperties(file);
        try {
            properties.load(new ByteArrayInputStream(bytes));
        } catch (RepeatedSetting e) {
            throw e;
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException(config.where() + ": cannot read " + file + ": " + e);
        }
        Map<String, Setting> settings = new TreeMap<>();
        for (String name : properties.stringPropertyNames()) {
            Setting setting = known(new Setting(name, properties.getProperty(name), "'%s' in config file " + file),
                    "setting", name + " in config file " + file);
            if (name.equals("config")) {
                throw new IllegalArgumentException(setting.where() + ": a config file cannot name another; give"
                        + " config= as an agent option or the system property statickeys.config");
            }
            settings.put(name, setting);
        }
        return settings;
    }

    /**
     * The bytes of the config file: a regular file (links followed) of at most {@link #MAX_CONFIG_BYTES}.
     * The type is checked before the file is opened, so a FIFO never blocks start-up and a device is
     * never read; the read is bounded as well, for a file that grows or is replaced after the check.
     */
    private static byte[] readConfig(Setting config, Path file) {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (IOException | SecurityException e) {
            throw unreadable(config, file, e.toString());
        }
        if (!attributes.isRegularFile()) {
            throw unreadable(config, file, attributes.isDirectory() ? "it is a directory"
                    : "it is not a regular file (a device, FIFO or socket)");
        }
        if (attributes.size() > MAX_CONFIG_BYTES) {
            throw unreadable(config, file, "it has " + attributes.size() + " bytes");
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes(MAX_CONFIG_BYTES + 1);
            if (bytes.length > MAX_CONFIG_BYTES) {
                throw unreadable(config, file, "it has more than " + MAX_CONFIG_BYTES + " bytes");
            }
            return bytes;
        } catch (IOException | SecurityException e) {
            throw unreadable(config, file, e.toString());
        }
    }

    private static IllegalArgumentException unreadable(Setting config, Path file, String reason) {
        return new IllegalArgumentException(config.where() + ": cannot read " + file + ": " + reason
                + "; expected a properties file (a regular file of at most " + MAX_CONFIG_BYTES + " bytes)");
    }

    /** A setting given twice in the config file (passed on as it is, not as a read failure). */
    private static final class RepeatedSetting extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        RepeatedSetting(String message) {
            super(message);
        }
    }

    /** Properties that refuse a name given twice in the file, as agent options do. */
    private static final class OnceEachProperties extends Properties {
        private static final long serialVersionUID = 1L;
        private final transient Path file;

        OnceEachProperties(Path file) {
            this.file = file;
        }

        @Override
        public synchronized Object put(Object name, Object value) {
            if (containsKey(name)) {
                throw new RepeatedSetting("setting '" + name + "' is given twice in config file " + file
                        + "; expected each setting once");
            }
            return super.put(name, value);
        }
    }

    private static Setting known(Setting setting, String kind, String context) {
        if (!NAMES.contains(setting.name) && !setting.name.startsWith(KEY_PREFIX)) {
            throw new IllegalArgumentException("unknown " + kind + " '" + setting.name + "' in '" + context
                    + "'; accepted options: " + ACCEPTED);
        }
        return setting;
    }

    private void apply(Setting setting) {
        if (setting.name.startsWith(KEY_PREFIX)) {
            keys.put(keyName(setting), state(setting));
            return;
        }
        switch (setting.name) {
            case "backend" -> backend = backend(setting);
            case "flipBudget" -> flipBudget = wholeNumber(setting);
            case "siteTables" -> siteTables = bool(setting);
            case "dump" -> dump = dumpDirectory(setting);
            case "logLevel" -> logLevel = level(setting);
            case "jmx" -> jmx = bool(setting);
            case "checkKeysAfter" -> checkKeysAfter = wholeNumber(setting);
            case "config" -> config = path(setting);
            default -> throw new IllegalStateException("unhandled setting " + setting.name);
        }
    }

    private static String keyName(Setting setting) {
        String name = setting.name.substring(KEY_PREFIX.length());
        if (!KeyRegistry.isValidName(name)) {
            throw setting.invalid("key.<name> where <name> is " + KeyRegistry.NAME_RULE);
        }
        return name;
    }

    private static boolean state(Setting setting) {
        switch (setting.value) {
            case "enabled":
                return true;
            case "disabled":
                return false;
            default:
                throw setting.invalid(setting.name + "=enabled or " + setting.name + "=disabled");
        }
    }

    private static boolean bool(Setting setting) {
        if (!setting.value.equals("true") && !setting.value.equals("false")) {
            throw setting.invalid(setting.name + "=true or " + setting.name + "=false");
        }
        return setting.value.equals("true");
    }

    private static int wholeNumber(Setting setting) {
        String value = setting.value;
        if (!value.matches("[0-9]{1,10}") || Long.parseLong(value) > Integer.MAX_VALUE) {
            throw setting.invalid("a whole number from 0 to " + Integer.MAX_VALUE);
        }
        return Integer.parseInt(value);
    }

    private static SiteForm backend(Setting setting) {
        switch (setting.value) {
            case "holder":
                return SiteForm.HOLDER;
            case "inline":
                return SiteForm.INLINE;
            default:
                throw setting.invalid("backend=holder or backend=inline");
        }
    }

    private static Level level(Setting setting) {
        for (Level level : new Level[] {Level.OFF, Level.ERROR, Level.WARNING, Level.INFO, Level.DEBUG, Level.TRACE}) {
            if (level.name().toLowerCase(java.util.Locale.ROOT).equals(setting.value)) {
                return level;
            }
        }
        throw setting.invalid("logLevel=off, error, warning, info, debug or trace");
    }

    private static Path path(Setting setting) {
        if (setting.value.isBlank()) {
            throw new IllegalArgumentException(setting.source.replace("%s", setting.name) + " has no value;"
                    + " expected " + setting.name + "=<" + (setting.name.equals("dump") ? "directory" : "file") + ">");
        }
        try {
            return Path.of(setting.value).toAbsolutePath();
        } catch (InvalidPathException e) {
            throw setting.invalid("a valid path (" + e.getMessage() + ")");
        }
    }

    private static Path dumpDirectory(Setting setting) {
        Path directory = path(setting);
        try {
            Files.createDirectories(directory);
        } catch (IOException | SecurityException e) {
            throw new IllegalArgumentException(setting.where() + ": cannot create directory " + directory + ": " + e);
        }
        if (!Files.isWritable(directory)) {
            throw new IllegalArgumentException(setting.where() + ": directory " + directory + " is not writable");
        }
        return directory;
    }
}
