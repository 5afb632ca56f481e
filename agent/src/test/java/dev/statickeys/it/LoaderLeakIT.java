package dev.statickeys.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.statickeys.testing.ForkedJvm;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A webapp-like class loader that used a DeferredKey (with its own copy of the API, or the API on the class
 * path), or that made the agent report a warning from its request thread with {@code logLevel=warning}, is
 * collected once dropped: no thread the API or the agent started keeps it (context class loader, inherited
 * thread-locals or access control context). Each in a forked JVM, under the agent and without it.
 */
class LoaderLeakIT {
    @ParameterizedTest(name = "agent={0} api={1} holders={2}")
    @CsvSource({
        "none, own, see",
        "none, classpath, see",
        "holder, own, see",
        "holder, classpath, see",
        "inline, own, see",
        "holder, classpath, hide",
    })
    void aDroppedWebappLoaderIsCollected(String backend, String api, String holders) throws Exception {
        List<String> options = new ArrayList<>();
        if (!backend.equals("none")) {
            options.add("-javaagent:" + ForkedJvm.agentJar() + "=backend=" + backend
                    + (holders.equals("hide") ? ",logLevel=warning" : ""));
        }
        ForkedJvm.Result result = ForkedJvm.run(options, LeakMain.class.getName(), 180, api, holders);
        assertEquals(0, result.exitCode, result.toString());
        assertTrue(result.stdout.contains("served: during=true after=false count=0"), result.toString());
        assertTrue(result.stdout.contains("collected"), result.toString());
        if (holders.equals("hide")) {
            assertTrue(result.stderr.contains("WARNING: statickeys: class " + LeakMain.class.getPackageName()
                    .replace(".it", ".fixtures") + ".LeakWebapp cannot reach the statickeys holder classes"),
                    result.toString());
        }
    }
}
