package dev.statickeys.samples.service;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Flips keys by editing a flag file, as a team flips a flag in the ConfigMap every pod mounts: the service
 * reads the file with the flagd OpenFeature provider in file mode (it polls the file), and
 * statickeys-openfeature follows the flag of each key's name. The file holds only the flags written here;
 * a key without a flag is left to the other channels. Each edit replaces the file in one move, as a mounted
 * ConfigMap is swapped, and the channel returns once the service reports the key in its new state, printing
 * how long that took.
 */
final class FlagFileKeyChannel implements KeyChannel {
    /** How long an edit may take to reach the key: the provider's poll interval plus a generous margin. */
    static final long FOLLOW_SECONDS = 30;

    private final Path file;
    private final ServiceClient client;
    private final PrintStream out;
    private final Map<String, Boolean> flags = new TreeMap<>();

    private FlagFileKeyChannel(Path file, ServiceClient client, PrintStream out) {
        this.file = file;
        this.client = client;
        this.out = out;
    }

    /**
     * Writes {@code file} with a flag for each of {@code keys}, all off, before the service starts; the
     * channel is then made with {@link #following}.
     */
    static void create(Path file, List<String> keys) throws ScenarioException {
        Map<String, Boolean> off = new TreeMap<>();
        keys.forEach(key -> off.put(key, false));
        write(file, off);
    }

    /** The channel for a service that reads {@code file}, written by {@link #create} with {@code keys}. */
    static FlagFileKeyChannel following(Path file, List<String> keys, ServiceClient client, PrintStream out) {
        FlagFileKeyChannel channel = new FlagFileKeyChannel(file, client, out);
        keys.forEach(key -> channel.flags.put(key, false));
        return channel;
    }

    @Override
    public String name() {
        return "flag file";
    }

    @Override
    public void enable(String key) throws ScenarioException {
        set(key, true);
    }

    @Override
    public void disable(String key) throws ScenarioException {
        set(key, false);
    }

    private void set(String key, boolean on) throws ScenarioException {
        if (!flags.containsKey(key)) {
            throw new ScenarioException("flag file: " + file + " has no flag " + key + "; it holds " + flags.keySet());
        }
        flags.put(key, on);
        long start = System.nanoTime();
        write(file, flags);
        String wanted = on ? "on/" : "off/";
        long deadline = start + TimeUnit.SECONDS.toNanos(FOLLOW_SECONDS);
        while (!client.keys(List.of(key)).get(key).startsWith(wanted)) {
            if (System.nanoTime() - deadline > 0) {
                throw new ScenarioException("flag file: " + key + " did not follow the edit of " + file + " within "
                        + FOLLOW_SECONDS + " s");
            }
            sleep();
        }
        out.printf("  [flag file] %s set %s in %s; the service followed within %d ms%n", key, on ? "on" : "off",
                file.getFileName(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
    }

    /** The file in flagd's flag-definition format: a static boolean flag per key, its default the state. */
    static String format(Map<String, Boolean> flags) {
        StringBuilder json = new StringBuilder("{\n  \"flags\": {");
        String separator = "\n";
        for (Map.Entry<String, Boolean> flag : flags.entrySet()) {
            json.append(separator).append("    \"").append(flag.getKey()).append("\": {\"state\": \"ENABLED\",")
                    .append(" \"variants\": {\"on\": true, \"off\": false}, \"defaultVariant\": \"")
                    .append(flag.getValue() ? "on" : "off").append("\"}");
            separator = ",\n";
        }
        return json.append("\n  }\n}\n").toString();
    }

    private static void write(Path file, Map<String, Boolean> flags) throws ScenarioException {
        try {
            Path next = Files.createTempFile(file.toAbsolutePath().getParent(), ".flags", ".tmp");
            Files.writeString(next, format(flags), StandardCharsets.UTF_8);
            try {
                Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(next, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new ScenarioException("flag file: cannot write " + file + ": " + e, e);
        }
    }

    private static void sleep() throws ScenarioException {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ScenarioException("flag file: interrupted while waiting for the service to follow", e);
        }
    }
}
