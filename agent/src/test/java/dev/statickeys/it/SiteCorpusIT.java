package dev.statickeys.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.statickeys.testing.Bytecode;
import dev.statickeys.testing.ForkedJvm;
import dev.statickeys.testing.SiteCorpus;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The site-shape corpus under the agent (this JVM's backend): every corpus method, through every
 * combination of its keys' states flipped through the API, returns what the same classes return in a
 * JVM without the agent; and every class with sites that was loaded was patched, keeping
 * {@code isEnabled()} calls only where keys cannot be patched.
 */
class SiteCorpusIT {
    private static final Path OUT = Path.of("target/site-corpus-it-" + System.getProperty("it.statickeys.backend"));

    @TestFactory
    Stream<DynamicTest> everyMethodUnderTheAgentReturnsWhatTheUnpatchedClassReturns() {
        return SiteCorpus.releases().stream().map(release -> DynamicTest.dynamicTest("release " + release, () -> {
            SiteCorpus.Build build = SiteCorpus.compile(release, OUT.resolve("release-" + release));
            ForkedJvm.Result plain = ForkedJvm.run(List.of(), CorpusMain.class.getName(), 180,
                    build.classes.toString());
            assertEquals(0, plain.exitCode, plain.toString());
            List<String> expected = plain.stdout.lines().collect(java.util.stream.Collectors.toList());

            CorpusMain.CorpusLoader loader = new CorpusMain.CorpusLoader(build.classes);
            List<String> actual = CorpusMain.run(loader, CorpusMain.topLevel(build.classes));
            assertSameOutcomes(expected, actual);

            int checked = 0;
            for (Map.Entry<String, byte[]> file : build.classFiles.entrySet()) {
                if (loader.loaded(file.getKey()) && SiteCorpus.hasPatchableSites(file.getValue())) {
                    Bytecode dumped = Dumps.of(loader.loadClass(file.getKey()));
                    dumped.isEnabledCallsByMethod().forEach((method, calls) -> assertTrue(
                            calls == 0 || SiteCorpus.mayKeepCalls(method),
                            calls + " isEnabled() calls left in " + file.getKey() + "." + method));
                    checked++;
                }
            }
            assertTrue(checked >= build.topLevel().size(), "only " + checked + " patched classes checked");
        }));
    }

    private static void assertSameOutcomes(List<String> expected, List<String> actual) {
        assertTrue(expected.size() > 1000, "the plain run gave only " + expected.size() + " outcomes");
        List<String> differences = new ArrayList<>();
        for (int i = 0; i < Math.max(expected.size(), actual.size()) && differences.size() < 20; i++) {
            String want = i < expected.size() ? expected.get(i) : "(nothing)";
            String got = i < actual.size() ? actual.get(i) : "(nothing)";
            if (!want.equals(got)) {
                differences.add("without the agent: " + want + "\n   under the agent: " + got);
            }
        }
        if (!differences.isEmpty()) {
            fail(differences.size() + "+ outcomes differ (of " + expected.size() + "):\n" + String.join("\n", differences));
        }
    }
}
