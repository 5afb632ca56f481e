package dev.statickeys.agent.jvm;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One patch operation of the core, as the JVM backends carried it out: the keys it changed and their new
 * states, the classes it retransformed, the classes that could not be patched, and how long it took.
 * Filled in under the flip lock, read by {@link FlipListener}s after it ends.
 */
public final class Flip {
    private final Map<String, Boolean> states;
    private final long startEpochMillis;
    private final long startNanos;
    private long durationNanos;
    private final List<String> classes = new ArrayList<>();
    private final List<Failure> failures = new ArrayList<>();

    /** A class of the operation that could not be patched, and what its sites do instead. */
    public record Failure(String className, String reason) {}

    Flip(Map<String, Boolean> states) {
        this.states = Collections.unmodifiableMap(new LinkedHashMap<>(states)); // the core's order, for reports
        this.startEpochMillis = System.currentTimeMillis();
        this.startNanos = System.nanoTime();
    }

    /** The keys this operation changed, with their new states. */
    public Map<String, Boolean> states() {
        return states;
    }

    /** Wall-clock start, in milliseconds since the epoch. */
    public long startEpochMillis() {
        return startEpochMillis;
    }

    /** How long the operation took, in nanoseconds. */
    public long durationNanos() {
        return durationNanos;
    }

    /** The classes passed to {@code retransformClasses} (holders and classes with inline sites). */
    public int retransformed() {
        return classes.size();
    }

    /** The names of the classes passed to {@code retransformClasses}. */
    public List<String> classNames() {
        return Collections.unmodifiableList(classes);
    }

    /** The classes of the operation that could not be patched. */
    public List<Failure> failures() {
        return Collections.unmodifiableList(failures);
    }

    void retransformed(List<Class<?>> types) {
        for (Class<?> type : types) {
            classes.add(type.getName());
        }
    }

    void failed(String className, String reason) {
        failures.add(new Failure(className, reason));
    }

    void end() {
        durationNanos = System.nanoTime() - startNanos;
    }
}
