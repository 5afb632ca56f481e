package dev.statickeys.samples.orders;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Audit logging, the work behind {@link ServiceKeys#AUDIT}: one formatted line per request in an
 * in-memory ring of the last {@link #CAPACITY} lines (a real service would append them to a file or ship
 * them somewhere). Thread-safe.
 */
final class AuditLog {
    /** How many lines the ring keeps. */
    static final int CAPACITY = 1024;

    private final ArrayDeque<String> lines = new ArrayDeque<>(CAPACITY);
    private final AtomicLong written = new AtomicLong();

    /** Writes the audit line of the request {@code http}, answered with {@code status}. */
    void record(HttpServletRequest http, int status) {
        String line = String.format("%s audit %s %s from %s:%d -> %d", Instant.now(), http.getMethod(),
                http.getRequestURI(), http.getRemoteAddr(), http.getRemotePort(), status);
        synchronized (lines) {
            if (lines.size() == CAPACITY) {
                lines.removeFirst();
            }
            lines.addLast(line);
        }
        written.incrementAndGet();
    }

    /** How many lines were written since the start (not only those still in the ring). */
    long count() {
        return written.get();
    }

    /** The last {@code n} lines, oldest first. */
    List<String> last(int n) {
        synchronized (lines) {
            return List.copyOf(lines).subList(Math.max(0, lines.size() - n), lines.size());
        }
    }
}
