package dev.statickeys.agent.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TelemetryTest {
    @Test
    void aFlipsDurationIsWrittenInMillisecondsWithTwoDecimalsRoundedHalfUpAsPercentPointTwoFWould() {
        long[] nanos = {0, 4_999, 5_000, 1_234_567, 12_345_000, 999_994_999, 999_995_000, 123_456_789_012L};
        for (long n : nanos) {
            StringBuilder line = new StringBuilder();
            Telemetry.appendMillis(line, n);
            assertEquals(String.format(java.util.Locale.ROOT, "%.2f", new java.math.BigDecimal(n).movePointLeft(6)),
                    line.toString(), n + " ns");
        }
    }
}
