package dev.statickeys.benchmarks;

import dev.openfeature.contrib.providers.flagd.Config;
import dev.openfeature.contrib.providers.flagd.FlagdOptions;
import dev.openfeature.contrib.providers.flagd.FlagdProvider;
import dev.openfeature.sdk.OpenFeatureAPI;
import dev.statickeys.StaticKey;
import dev.statickeys.StaticKeys;
import dev.statickeys.openfeature.FlapLimit;
import dev.statickeys.openfeature.StaticKeyFlags;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * One JVM of {@link FleetFlipLatency}: the flagd provider (file mode) watches the flag file args[0],
 * polling every args[1] ms; key {@code fleet.tracing} follows the flag of that name. Prints
 * {@code site=on|off micros=<epoch microseconds>} when its site's answer changes (checked every
 * millisecond). Exits when its standard input closes.
 */
public final class FleetFlipMember {
    static final StaticKey TRACING = StaticKey.defineFalse("fleet.tracing");

    private FleetFlipMember() {}

    /** The site: under the agent, a constant jump or fall-through. */
    static String site() {
        if (TRACING.isEnabled()) {
            return "on";
        }
        return "off";
    }

    public static void main(String[] args) throws Exception {
        FlagdProvider provider = new FlagdProvider(FlagdOptions.builder().resolverType(Config.Resolver.FILE)
                .offlineFlagSourcePath(args[0]).offlinePollIntervalMs(Integer.parseInt(args[1]))
                .deadline(30_000).build());
        OpenFeatureAPI.getInstance().setProviderAndWait(provider);
        // The flap limit out of the way: this program measures flips, and it edits more often than the default allows.
        StaticKeyFlags flags = StaticKeyFlags.builder(OpenFeatureAPI.getInstance().getClient()).bind(TRACING)
                .flapLimit(new FlapLimit(FlapLimit.MAX_CHANGES_ALLOWED, Duration.ofMillis(1))).start();
        Thread stdin = new Thread(() -> {
            try {
                while (System.in.read() >= 0) {
                    // Until the parent closes our standard input.
                }
            } catch (IOException e) {
                // The parent is gone.
            }
        });
        stdin.setDaemon(true);
        stdin.start();
        String last = site();
        System.out.println("ready agent=" + StaticKeys.agentActive() + " site=" + last);
        while (stdin.isAlive()) {
            String now = site();
            if (!now.equals(last)) {
                System.out.println("site=" + now + " micros=" + ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now()));
                last = now;
            }
            Thread.sleep(1);
        }
        flags.close();
        OpenFeatureAPI.getInstance().shutdown();
        System.exit(0);
    }
}
