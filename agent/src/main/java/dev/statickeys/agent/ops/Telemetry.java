package dev.statickeys.agent.ops;

import dev.statickeys.agent.Reports;
import dev.statickeys.agent.jvm.Flip;
import dev.statickeys.agent.jvm.FlipListener;
import dev.statickeys.agent.jvm.JvmBackend;
import java.lang.System.Logger.Level;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reports every patch operation: one log line per flip at INFO (the classes at DEBUG), and JFR events
 * ({@code dev.statickeys.Flip} per key, {@code dev.statickeys.PatchFailure} per class that could not be
 * patched). Runs on the flipping thread under the flip lock, never on a site's path; log lines are queued
 * to the agent's log thread ({@link Reports}).
 */
public final class Telemetry implements FlipListener {
    private static final boolean JFR = ModuleLayer.boot().findModule("jdk.jfr").isPresent();

    private final JvmBackend backend;
    /**
     * The JFR events of the operation in progress, or null (operations are serialized by the flip lock).
     * Its type is touched only when JFR is there.
     */
    private JfrEvents.Begun begun;

    /** @param backend asked how a key's sites are patched now ("holder", "inline", ...), for reports */
    public Telemetry(JvmBackend backend) {
        this.backend = backend;
    }

    @Override
    public void starting(Flip flip) {
        begun = recording() ? JfrEvents.begin(flip.states()) : null;
    }

    /** Whether JFR events are made: the module is there and JFR has started (see {@link JfrEvents#started}). */
    private static boolean recording() {
        return JFR && JfrEvents.started();
    }

    @Override
    public void flipped(Flip flip) {
        JfrEvents.Begun events = begun;
        begun = null;
        // How each key's sites are patched, found once per flip: it looks at the key's live classes.
        Map<String, String> backends = new LinkedHashMap<>();
        flip.states().keySet().forEach(key -> backends.put(key, backend.backendOf(key)));
        if (recording()) {
            if (events != null) {
                JfrEvents.commit(events, FlipPayload.of(flip, backends));
            }
            String keys = String.join(",", flip.states().keySet());
            for (Flip.Failure failure : flip.failures()) {
                JfrEvents.failure(new PatchFailurePayload(failure.className(), keys, failure.reason()));
            }
        }
        if (Reports.enabled(Level.INFO)) {
            Reports.log(Level.INFO, describe(flip, backends), null);
        }
        if (Reports.enabled(Level.DEBUG) && flip.retransformed() > 0) {
            Reports.log(Level.DEBUG, "flip of " + flip.states().keySet() + " retransformed " + flip.classNames(), null);
        }
    }

    @Override
    public void patchFailed(String className, String reason) {
        if (recording()) {
            JfrEvents.failure(new PatchFailurePayload(className, "", reason));
        }
    }

    /**
     * The flip's log line. Written out with a {@link StringBuilder} rather than {@code String.format}: in a
     * JVM that flips often, redefinitions keep invalidating JIT compilations, so this runs interpreted,
     * where a format string costs tens of microseconds per flip.
     */
    static String describe(Flip flip, Map<String, String> backends) {
        StringBuilder line = new StringBuilder(96).append("flip: ");
        boolean first = true;
        for (Map.Entry<String, Boolean> state : flip.states().entrySet()) {
            line.append(first ? "" : ", ").append(state.getKey()).append(state.getValue() ? " enabled" : " disabled")
                    .append(" (").append(backends.get(state.getKey())).append(')');
            first = false;
        }
        int classes = flip.retransformed();
        line.append("; ").append(classes).append(classes == 1 ? " class" : " classes").append(" retransformed in ");
        appendMillis(line, flip.durationNanos());
        line.append(" ms");
        if (!flip.failures().isEmpty()) {
            line.append("; ").append(flip.failures().size()).append(" could not be patched");
        }
        return line.toString();
    }

    /** {@code nanos} in milliseconds with two decimals, rounded half up (as {@code %.2f} does). */
    static void appendMillis(StringBuilder line, long nanos) {
        long hundredths = (nanos + 5_000) / 10_000;
        long fraction = hundredths % 100;
        line.append(hundredths / 100).append('.').append(fraction < 10 ? "0" : "").append(fraction);
    }
}
