package dev.statickeys.agent.ops;

import dev.statickeys.agent.jvm.Flip;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a {@code dev.statickeys.Flip} event says about one key of a patch operation: the key, its new
 * state, how its sites are patched ({@code holder}, {@code inline} or {@code holder+inline}), and the
 * operation's classes retransformed, keys and classes that could not be patched. Plain data, so that
 * {@link Telemetry} can make it without touching a JFR type.
 */
record FlipPayload(String key, boolean enabled, String backend, int classesRetransformed, int keysInOperation,
        int failedClasses) {
    /** One payload per key of {@code flip}, in the operation's order; {@code backends} by key. */
    static List<FlipPayload> of(Flip flip, Map<String, String> backends) {
        List<FlipPayload> payloads = new ArrayList<>(flip.states().size());
        flip.states().forEach((key, enabled) -> payloads.add(new FlipPayload(key, enabled, backends.get(key),
                flip.retransformed(), flip.states().size(), flip.failures().size())));
        return payloads;
    }
}
