package dev.statickeys.agent;

import dev.statickeys.agent.core.SiteForm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * The agent's options: {@code -javaagent:statickeys-agent.jar=name=value,name=value}.
 *
 * <table>
 *   <caption>Options</caption>
 *   <tr><th>option</th><th>meaning</th></tr>
 *   <tr><td>{@code backend=holder}</td><td>sites call a per-key holder method; a flip retransforms the
 *       holders only (the default)</td></tr>
 *   <tr><td>{@code backend=inline}</td><td>sites are patched in place; a flip retransforms the classes
 *       holding them</td></tr>
 *   <tr><td>{@code flipBudget=<n>}</td><td>how many flips a key's holder is re-patched for before it reads
 *       the key's call site instead (default 50; see the README, "Frequent flips")</td></tr>
 *   <tr><td>{@code siteTables=false}</td><td>ignore the site tables in the application's jars and scan
 *       every class that mentions {@code StaticKey} (default {@code true})</td></tr>
 *   <tr><td>{@code dump=<dir>}</td><td>write every class file the agent patches to {@code <dir>}</td></tr>
 * </table>
 */
public final class AgentOptions {
    static final String ACCEPTED = "backend=holder|inline, flipBudget=<n>, siteTables=true|false, dump=<directory>";
    /** The default {@code flipBudget}: far enough below HotSpot's recompilation cutoff (400). */
    public static final int DEFAULT_FLIP_BUDGET = 50;

    private final SiteForm backend;
    private final int flipBudget;
    private final boolean siteTables;
    private final Path dump;

    private AgentOptions(SiteForm backend, int flipBudget, boolean siteTables, Path dump) {
        this.backend = backend;
        this.flipBudget = flipBudget;
        this.siteTables = siteTables;
        this.dump = dump;
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

    /**
     * Parses the text after {@code =} in {@code -javaagent:jar=...}; null or empty means defaults.
     *
     * @throws IllegalArgumentException naming the offending option and the accepted ones
     */
    public static AgentOptions parse(String text) {
        SiteForm backend = SiteForm.HOLDER;
        int flipBudget = DEFAULT_FLIP_BUDGET;
        boolean siteTables = true;
        Path dump = null;
        if (text == null || text.isEmpty()) {
            return new AgentOptions(backend, flipBudget, siteTables, null);
        }
        Set<String> seen = new HashSet<>();
        for (String option : text.split(",", -1)) {
            int equals = option.indexOf('=');
            if (option.isEmpty() || equals <= 0) {
                throw new IllegalArgumentException("malformed option '" + option + "' in '" + text
                        + "'; expected name=value, accepted options: " + ACCEPTED);
            }
            String name = option.substring(0, equals);
            String value = option.substring(equals + 1);
            if (!seen.add(name)) {
                throw new IllegalArgumentException("option '" + name + "' is given twice in '" + text
                        + "'; accepted options: " + ACCEPTED);
            }
            if (name.equals("dump")) {
                dump = dumpDirectory(value);
            } else if (name.equals("backend")) {
                backend = backend(value);
            } else if (name.equals("flipBudget")) {
                flipBudget = flipBudget(value);
            } else if (name.equals("siteTables")) {
                siteTables = siteTables(value);
            } else {
                throw new IllegalArgumentException("unknown option '" + name + "' in '" + text
                        + "'; accepted options: " + ACCEPTED);
            }
        }
        return new AgentOptions(backend, flipBudget, siteTables, dump);
    }

    private static boolean siteTables(String value) {
        if (!value.equals("true") && !value.equals("false")) {
            throw new IllegalArgumentException("option 'siteTables=" + value + "': expected siteTables=true or"
                    + " siteTables=false");
        }
        return value.equals("true");
    }

    private static int flipBudget(String value) {
        if (!value.matches("[0-9]{1,10}") || Long.parseLong(value) > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("option 'flipBudget=" + value + "': expected a whole number from 0 to "
                    + Integer.MAX_VALUE);
        }
        return Integer.parseInt(value);
    }

    private static SiteForm backend(String value) {
        switch (value) {
            case "holder":
                return SiteForm.HOLDER;
            case "inline":
                return SiteForm.INLINE;
            default:
                throw new IllegalArgumentException("option 'backend=" + value + "': expected backend=holder or"
                        + " backend=inline");
        }
    }

    private static Path dumpDirectory(String value) {
        if (value.isBlank()) {
            throw new IllegalArgumentException("option 'dump' has no value; expected dump=<directory>");
        }
        Path directory;
        try {
            directory = Path.of(value).toAbsolutePath();
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("option 'dump=" + value + "': not a valid path: " + e.getMessage());
        }
        try {
            Files.createDirectories(directory);
        } catch (IOException | SecurityException e) {
            throw new IllegalArgumentException("option 'dump=" + value + "': cannot create directory "
                    + directory + ": " + e);
        }
        if (!Files.isWritable(directory)) {
            throw new IllegalArgumentException("option 'dump=" + value + "': directory " + directory
                    + " is not writable");
        }
        return directory;
    }
}
