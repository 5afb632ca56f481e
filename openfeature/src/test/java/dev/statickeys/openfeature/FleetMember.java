package dev.statickeys.openfeature;

import dev.openfeature.contrib.providers.flagd.FlagdProvider;
import dev.openfeature.sdk.Client;
import dev.statickeys.StaticKey;
import dev.statickeys.StaticKeys;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * One JVM of the fleet: the flagd provider watches the flag file named by args[0], key
 * {@code fleet.tracing} follows the flag of that name, and every change of its site's answer is printed
 * as {@code site=on|off micros=<epoch microseconds>}. Exits when its standard input closes.
 */
public final class FleetMember {
    static final StaticKey TRACING = StaticKey.defineFalse("fleet.tracing");

    private FleetMember() {}

    /** The site: patched by the agent into a constant jump or fall-through. */
    static String site() {
        if (TRACING.isEnabled()) {
            return "on";
        }
        return "off";
    }

    public static void main(String[] args) throws Exception {
        FlagdProvider provider = FlagdFileTest.fileProvider(Path.of(args[0]));
        Client client = Providers.install(provider);
        StaticKeyFlags flags = StaticKeyFlags.builder(client).bind(TRACING).start();
        Thread stdin = new Thread(() -> {
            try {
                while (System.in.read() >= 0) {
                    // Waits for the parent to close our standard input.
                }
            } catch (IOException e) {
                // The parent is gone: exit all the same.
            }
        });
        stdin.setDaemon(true);
        stdin.start();
        String last = site();
        System.out.println("ready agent=" + StaticKeys.agentActive() + " site=" + last);
        while (stdin.isAlive()) {
            String now = site();
            if (!now.equals(last)) {
                long micros = ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
                System.out.println("site=" + now + " micros=" + micros + " patchOperations=" + patchOperations());
                last = now;
            }
            Thread.sleep(1);
        }
        flags.close();
        provider.shutdown();
        System.exit(0);
    }

    /** The agent's count of patch operations (retransformClasses calls) so far; -1 without the agent. */
    static long patchOperations() {
        try {
            Class<?> bridge = Class.forName("dev.statickeys.agent.Bridge", true, ClassLoader.getSystemClassLoader());
            @SuppressWarnings("unchecked")
            java.util.Map<String, Long> statistics = (java.util.Map<String, Long>) bridge.getMethod("statistics").invoke(null);
            return statistics.get("patchOperations");
        } catch (ReflectiveOperationException e) {
            return -1;
        }
    }
}
