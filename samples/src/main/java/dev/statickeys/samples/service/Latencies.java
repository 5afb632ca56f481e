package dev.statickeys.samples.service;

import java.util.Arrays;

/** Request latencies of one phase, in microseconds, summarized by nearest-rank percentiles. Immutable. */
final class Latencies {
    private final long[] sortedMicros;

    /** Takes the latencies in nanoseconds, in any order. */
    Latencies(long[] nanos) {
        sortedMicros = Arrays.stream(nanos).map(n -> n / 1000).sorted().toArray();
    }

    int count() {
        return sortedMicros.length;
    }

    /** The smallest latency that at least {@code percent} % of the requests did not exceed (0 if none). */
    long percentile(double percent) {
        if (sortedMicros.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(percent / 100 * sortedMicros.length);
        return sortedMicros[Math.max(0, Math.min(sortedMicros.length - 1, rank - 1))];
    }

    long max() {
        return sortedMicros.length == 0 ? 0 : sortedMicros[sortedMicros.length - 1];
    }

    /** {@code requests N  p50 .. us  p90 .. us  p99 .. us  max .. us}, aligned for a table. */
    String summary() {
        return String.format("requests %5d  p50 %6d us  p90 %6d us  p99 %6d us  max %7d us", count(),
                percentile(50), percentile(90), percentile(99), max());
    }
}
