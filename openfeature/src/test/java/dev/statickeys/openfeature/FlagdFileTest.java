package dev.statickeys.openfeature;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.openfeature.contrib.providers.flagd.Config;
import dev.openfeature.contrib.providers.flagd.FlagdOptions;
import dev.openfeature.contrib.providers.flagd.FlagdProvider;
import dev.openfeature.sdk.Client;
import dev.statickeys.StaticKey;
import java.nio.file.Path;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real flagd provider in its file mode: the file is edited, the provider's watcher emits the event, the key flips. */
class FlagdFileTest {
    static FlagdProvider fileProvider(Path file) {
        return new FlagdProvider(FlagdOptions.builder().resolverType(Config.Resolver.FILE)
                .offlineFlagSourcePath(file.toString()).offlinePollIntervalMs(50)
                // The provider waits this long for the first read of the file (1 s by default; a loaded machine may need more).
                .deadline(30_000).build());
    }

    @Test
    void editingTheFlagFileFlipsTheKey(@TempDir Path dir) throws Exception {
        StaticKey key = StaticKey.defineFalse("flagd.tracing");
        StaticKey targeted = StaticKey.defineFalse("flagd.regional");
        FlagFile file = new FlagFile(dir.resolve("flags.json"));
        file.write(Map.of("flagd.tracing", false), "flagd.regional");
        FlagdProvider provider = fileProvider(file.path());
        Client client = Providers.install(provider);
        try (LogCapture log = new LogCapture();
                StaticKeyFlags flags = StaticKeyFlags.builder(client).bind(key).bind(targeted).start()) {
            Waits.until("evaluated", () -> flags.bindings().get(0).status() == FlagBinding.Status.FOLLOWING);
            assertFalse(key.isEnabled());

            file.write(Map.of("flagd.tracing", true), "flagd.regional");
            Waits.until("enabled after the edit", key::isEnabled);
            file.write(Map.of("flagd.tracing", false), "flagd.regional");
            Waits.until("disabled after the next edit", () -> !key.isEnabled());

            log.await(Level.WARNING, "flag \"flagd.regional\" depends on the evaluation context");
            assertEquals(FlagBinding.Status.CONTEXT_DEPENDENT, flags.bindings().get(1).status());
            assertFalse(targeted.isEnabled());
        } finally {
            provider.shutdown();
        }
    }
}
