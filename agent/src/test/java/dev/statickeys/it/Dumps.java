package dev.statickeys.it;

import dev.statickeys.testing.Bytecode;
import java.nio.file.Files;
import java.nio.file.Path;

/** The classes the agent under test wrote with {@code dump=} (see the failsafe configuration). */
final class Dumps {
    private Dumps() {}

    static Bytecode of(Class<?> type) {
        Path file = Path.of(System.getProperty("it.statickeys.dump"), type.getName().replace('.', '/') + ".class");
        if (!Files.isRegularFile(file)) {
            throw new AssertionError("the agent dumped no " + file);
        }
        return Bytecode.of(file);
    }
}
