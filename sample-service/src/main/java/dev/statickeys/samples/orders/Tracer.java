package dev.statickeys.samples.orders;

import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Request tracing, the work behind {@link ServiceKeys#TRACING}: a trace per request with its headers and
 * the time of each step, formatted when the request ends and kept in a small ring. Thread-safe.
 */
final class Tracer {
    /** How many finished traces {@link #recent()} keeps. */
    static final int KEEP = 64;

    private final AtomicLong started = new AtomicLong();
    private final AtomicLong finished = new AtomicLong();
    private final ArrayDeque<String> recent = new ArrayDeque<>();

    /** One request's trace; used by the thread handling the request only. */
    static final class Trace {
        private final long id;
        private final String request;
        private final Map<String, List<String>> headers;
        private final long startNanos;
        private final List<String> steps = new ArrayList<>();

        private Trace(long id, String request, Map<String, List<String>> headers, long startNanos) {
            this.id = id;
            this.request = request;
            this.headers = headers;
            this.startNanos = startNanos;
        }

        /** Records that {@code step} ended now. */
        void mark(String step) {
            steps.add(step + " +" + micros(System.nanoTime() - startNanos) + "us");
        }
    }

    /** Starts the trace of {@code http}, now. */
    Trace start(HttpServletRequest http) {
        long startNanos = System.nanoTime();
        // Copied: the request's headers are not ours to keep after the response is sent.
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (String name : Collections.list(http.getHeaderNames())) {
            headers.put(name, Collections.list(http.getHeaders(name)));
        }
        String request = http.getMethod() + " " + http.getRequestURI();
        return new Trace(started.incrementAndGet(), request, headers, startNanos);
    }

    /** Ends {@code trace} with the response status and keeps its record. */
    void finish(Trace trace, int status) {
        String line = String.format("trace %d %s -> %d in %dus %s headers %s", trace.id, trace.request, status,
                micros(System.nanoTime() - trace.startNanos), trace.steps, trace.headers);
        synchronized (recent) {
            if (recent.size() == KEEP) {
                recent.removeFirst();
            }
            recent.addLast(line);
        }
        finished.incrementAndGet();
    }

    /** How many traces were finished. */
    long count() {
        return finished.get();
    }

    /** The last {@link #KEEP} trace records, oldest first. */
    List<String> recent() {
        synchronized (recent) {
            return List.copyOf(recent);
        }
    }

    private static long micros(long nanos) {
        return TimeUnit.NANOSECONDS.toMicros(nanos);
    }
}
