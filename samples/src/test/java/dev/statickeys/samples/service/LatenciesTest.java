package dev.statickeys.samples.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class LatenciesTest {
    @Test
    void percentilesAreNearestRankInMicroseconds() {
        // 1 to 100 us in reverse order, each with 999 ns that truncate away
        long[] nanos = LongStream.rangeClosed(1, 100).map(us -> (101 - us) * 1000 + 999).toArray();
        Latencies latencies = new Latencies(nanos);
        assertEquals(100, latencies.count());
        assertEquals(50, latencies.percentile(50));
        assertEquals(90, latencies.percentile(90));
        assertEquals(99, latencies.percentile(99));
        assertEquals(1, latencies.percentile(0));
        assertEquals(100, latencies.max());
        assertEquals("requests   100  p50     50 us  p90     90 us  p99     99 us  max     100 us", latencies.summary());
    }

    @Test
    void noRequestsSummarizeAsZero() {
        assertEquals("requests     0  p50      0 us  p90      0 us  p99      0 us  max       0 us",
                new Latencies(new long[0]).summary());
    }
}
