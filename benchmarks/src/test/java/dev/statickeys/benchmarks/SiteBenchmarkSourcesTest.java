package dev.statickeys.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SiteBenchmarkSourcesTest {
    @Test
    void theCommittedBenchmarksAreWhatTheGeneratorWrites() throws IOException {
        for (Map.Entry<String, String> file : SiteBenchmarkSources.generate().entrySet()) {
            Path committed = Path.of("src/main/java").resolve(file.getKey());
            assertEquals(file.getValue(), Files.readString(committed, StandardCharsets.UTF_8), committed
                    + " differs from what SiteBenchmarkSources writes; regenerate it (see SiteBenchmarkSources)");
        }
    }

    @Test
    void everyKindHasBothStatesInEveryShapeAndAFlippingGroupUnlessItCannotFlip() {
        Map<String, String> sources = SiteBenchmarkSources.generate();
        for (SiteBenchmarkSources.Kind kind : SiteBenchmarkSources.KINDS) {
            for (String shape : new String[] {"SmallMethod", "HotLoop", "LargeBlock"}) {
                String source = sources.get("dev/statickeys/benchmarks/" + shape + "Benchmark.java");
                assertEquals(1, count(source, "public int " + kind.name() + "_disabled()"), shape + " " + kind);
                assertEquals(1, count(source, "public int " + kind.name() + "_enabled()"), shape + " " + kind);
            }
            String flipping = sources.get("dev/statickeys/benchmarks/FlippingBenchmark.java");
            assertEquals(kind.flip() == null ? 0 : 1, count(flipping, "@Group(\"" + kind.name() + "\")") / 2, kind.name());
        }
    }

    private static int count(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            count++;
        }
        return count;
    }
}
