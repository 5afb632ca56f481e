package dev.statickeys.openfeature;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.TreeMap;

/**
 * A flagd flag file edited the way a mounted ConfigMap changes: the new content replaces the file in one
 * atomic move. flagd's file watcher polls the modification time in milliseconds, so each edit moves it
 * forward by at least a second, whatever the file system's clock granularity.
 */
final class FlagFile {
    private final Path file;
    private long modified = System.currentTimeMillis();

    FlagFile(Path file) {
        this.file = file;
    }

    Path path() {
        return file;
    }

    /** Writes static boolean flags, plus one flag with targeting named {@code targeted} if not null. */
    void write(Map<String, Boolean> flags, String targeted) throws IOException {
        StringBuilder json = new StringBuilder("{\n  \"flags\": {");
        String separator = "\n";
        for (Map.Entry<String, Boolean> flag : new TreeMap<>(flags).entrySet()) {
            json.append(separator).append("    \"").append(flag.getKey()).append("\": {\"state\": \"ENABLED\", ")
                    .append("\"variants\": {\"on\": true, \"off\": false}, \"defaultVariant\": \"")
                    .append(flag.getValue() ? "on" : "off").append("\"}");
            separator = ",\n";
        }
        if (targeted != null) {
            json.append(separator).append("    \"").append(targeted).append("\": {\"state\": \"ENABLED\", ")
                    .append("\"variants\": {\"on\": true, \"off\": false}, \"defaultVariant\": \"off\", ")
                    .append("\"targeting\": {\"if\": [{\"==\": [{\"var\": \"region\"}, \"eu\"]}, \"on\", null]}}");
        }
        json.append("\n  }\n}\n");
        Path next = file.resolveSibling(file.getFileName() + ".next");
        Files.writeString(next, json, StandardCharsets.UTF_8);
        modified = Math.max(System.currentTimeMillis(), modified + 1000);
        Files.setLastModifiedTime(next, FileTime.fromMillis(modified));
        Files.move(next, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
