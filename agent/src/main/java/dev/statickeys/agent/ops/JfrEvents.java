package dev.statickeys.agent.ops;

import dev.statickeys.agent.jvm.Flip;
import jdk.jfr.FlightRecorder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The agent's JFR events. Only {@link Telemetry} touches this class, and only when the {@code jdk.jfr}
 * module is in the JVM, so the agent still runs on runtime images without it.
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

    /** Events begun for each key of a patch operation starting now; ended by {@link #commit}. */
    static List<Object> begin(Map<String, Boolean> states) {
        List<Object> events = new ArrayList<>(states.size());
        for (Map.Entry<String, Boolean> state : states.entrySet()) {
            FlipEvent event = new FlipEvent();
            if (event.isEnabled()) {
                event.key = state.getKey();
                event.enabled = state.getValue();
                event.begin();
                events.add(event);
            }
        }
        return events;
    }

    static void commit(List<Object> begun, Flip flip, java.util.function.Function<String, String> backendOf) {
        for (Object begunEvent : begun) {
            FlipEvent event = (FlipEvent) begunEvent;
            event.end();
            if (event.shouldCommit()) {
                event.classesRetransformed = flip.retransformed();
                event.keysInOperation = flip.states().size();
                event.backend = backendOf.apply(event.key);
                event.failedClasses = flip.failures().size();
                event.commit();
            }
        }
    }

    static void failure(String className, String keys, String reason) {
        PatchFailureEvent event = new PatchFailureEvent();
        if (event.shouldCommit()) {
            event.className = className;
            event.keys = keys;
            event.reason = reason;
            event.commit();
        }
    }
}
