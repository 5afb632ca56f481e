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
 * One JVM of the fleet: the flagd provider watches the flag file named by args[0], keys
 * {@code fleet.tracing} and {@code fleet.audit} follow the flags of those names, and every change of their
 * sites' answers is printed as {@code site=on|off audit=on|off micros=<epoch microseconds>}. The agent's log
 * lines ({@code flip: ...}, one per patch operation) go to standard error, which the test reads too.
 * Exits when its standard input closes.
 */
public final class FleetMember {
    static final StaticKey TRACING = StaticKey.defineFalse("fleet.tracing");
    static final StaticKey AUDIT = StaticKey.defineFalse("fleet.audit");

    private FleetMember() {}

    /** The site: patched by the agent into a constant jump or fall-through. */
    static String site() {
        if (TRACING.isEnabled()) {
            return "on";
        }
        return "off";
    }

    /** A second key's site, so that one edit can change two flags. */
    static String auditSite() {
        if (AUDIT.isEnabled()) {
            return "on";
        }
        return "off";
    }

    static String sites() {
        return "site=" + site() + " audit=" + auditSite();
    }

    public static void main(String[] args) throws Exception {
        // java.util.logging up, as an application's logging would be: the agent's messages (one "flip:" line
        // per patch operation) then go out at once instead of after its 10 s wait for the application's.
        java.util.logging.Logger.getLogger(FleetMember.class.getName());
        FlagdProvider provider = FlagdFileTest.fileProvider(Path.of(args[0]));
        Client client = Providers.install(provider);
        StaticKeyFlags flags = StaticKeyFlags.builder(client).bind(TRACING).bind(AUDIT).start();
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
        String last = sites();
        System.out.println("ready agent=" + StaticKeys.agentActive() + " " + last);
        while (stdin.isAlive()) {
            String now = sites();
            if (!now.equals(last)) {
                long micros = ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
                System.out.println(now + " micros=" + micros);
                last = now;
            }
            Thread.sleep(1);
        }
        flags.close();
        provider.shutdown();
        System.exit(0);
    }
}
