package dev.statickeys.agent.ops;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.FlightRecorder;

/**
 * The agent's JFR events. Only {@link Telemetry} touches this class, and only when the {@code jdk.jfr}
 * module is in the JVM, so the agent still runs on runtime images without it; what the events say comes
 * in as plain records ({@link FlipPayload}, {@link PatchFailurePayload}).
 */
final class JfrEvents {
    private JfrEvents() {}

    /**
     * Whether JFR has started in this JVM. Until it has, no recording can take the events, and creating
     * the first one would set JFR up on the flipping thread, under the flip lock: a first flip took
     * 237-331 ms instead of 12-14 ms on the project machine.
     */
    static boolean started() {
        return FlightRecorder.isInitialized();
    }

    /** The flip events begun when a patch operation started, by key; ended by {@link #commit}. */
    static final class Begun {
        private final Map<String, FlipEvent> events = new LinkedHashMap<>();
    }

    /** Events begun for each key of a patch operation starting now. */
    static Begun begin(Map<String, Boolean> states) {
        Begun begun = new Begun();
        for (String key : states.keySet()) {
            FlipEvent event = new FlipEvent();
            if (event.isEnabled()) {
                event.begin();
                begun.events.put(key, event);
            }
        }
        return begun;
    }

    /** Ends the events of {@code begun} and commits those a recording wants, saying {@code payloads}. */
    static void commit(Begun begun, List<FlipPayload> payloads) {
        for (FlipPayload payload : payloads) {
            FlipEvent event = begun.events.get(payload.key());
            if (event == null) {
                continue;
            }
            event.end();
            if (event.shouldCommit()) {
                event.key = payload.key();
                event.enabled = payload.enabled();
                event.classesRetransformed = payload.classesRetransformed();
                event.keysInOperation = payload.keysInOperation();
                event.backend = payload.backend();
                event.failedClasses = payload.failedClasses();
                event.commit();
            }
        }
    }

    static void failure(PatchFailurePayload payload) {
        PatchFailureEvent event = new PatchFailureEvent();
        if (event.shouldCommit()) {
            event.className = payload.className();
            event.keys = payload.keys();
            event.reason = payload.reason();
            event.commit();
        }
    }
}
