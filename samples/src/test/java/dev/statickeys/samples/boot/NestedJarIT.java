package dev.statickeys.samples.boot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The nested jar ({@code target/statickeys-service-nested.jar}) run as users run it,
 * {@code java -javaagent:<agent>=... -jar <nested jar>}, in a forked JVM: the service's classes and the
 * statickeys API are defined by the launcher's {@link NestedJarClassLoader}, and the agent patches them
 * through it.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class NestedJarIT {
    private static final String HANDLER = "dev/statickeys/samples/service/OrderHandler.class";
    private static final String ORDER = "{\"customer\":\"alice\",\"sku\":\"ABC-1234\",\"quantity\":1,\"unitPriceCents\":5}";
    private static final Pattern READY = Pattern.compile("listening on port (\\d+) pid (\\d+)");

    @TempDir
    Path temp;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private Process service;
    private int port;

    @AfterEach
    void killService() {
        if (service != null) {
            service.destroyForcibly();
        }
    }

    @Test
    void theDefaultBackendPatchesTheNestedHandlersSitesToHolderCalls() throws Exception {
        Path dump = temp.resolve("dump");
        start("dump=" + dump);
        assertTrue(send("GET", "/admin/keys").startsWith("agent active: true\n"));
        assertTrue(send("GET", "/admin/stats").contains("\nloader nested\n"), "defined by the nested loader");
        send("POST", "/orders");

        byte[] original = originalHandler();
        byte[] patched = Files.readAllBytes(dump.resolve(HANDLER));
        assertFalse(Arrays.equals(original, patched));
        for (String key : List.of("tracing", "audit", "validation")) {
            String holder = "dev/statickeys/holders/Key$service$" + key;
            assertFalse(contains(original, holder));
            assertTrue(contains(patched, holder), "the patched handler calls " + holder);
        }
        assertStopsCleanly();
    }

    @Test
    void withInlineSitesAFlipThroughTheAdminApiChangesWhatTheNestedServiceDoes() throws Exception {
        Path dump = temp.resolve("dump");
        start("backend=inline,dump=" + dump);
        send("POST", "/orders");
        assertTrue(send("GET", "/admin/stats").contains("\ntraces 0\n"));
        byte[] disabled = Files.readAllBytes(dump.resolve(HANDLER));
        assertFalse(contains(disabled, "dev/statickeys/holders/"), "inline sites call no holder");

        assertEquals("service.tracing enabled, count 1\n", send("POST", "/admin/keys/service.tracing/enable"));
        send("POST", "/orders");
        send("GET", "/orders/1");
        assertTrue(send("GET", "/admin/stats").contains("\ntraces 2\n"));
        assertFalse(Arrays.equals(disabled, Files.readAllBytes(dump.resolve(HANDLER))), "the flip re-patched the handler");

        send("POST", "/admin/keys/service.tracing/disable");
        send("POST", "/orders");
        assertTrue(send("GET", "/admin/stats").contains("\ntraces 2\n"));
        assertStopsCleanly();
    }

    @Test
    void aJarWithoutAStartClassIsOneLineAndStatus2() throws Exception {
        // The samples jar is a jar, but not a nested one: its manifest names no start class.
        String samples = System.getProperty("it.statickeys.samples.jar");
        Process launcher = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                samples, NestedJarLauncher.class.getName()).redirectErrorStream(true).start();
        String output = new String(launcher.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(2, launcher.waitFor());
        assertEquals("NestedJarLauncher: " + Path.of(samples) + " has no Start-Class attribute in its manifest; it names"
                + " the application's main class\n", output);
    }

    private void start(String agentOptions) throws IOException {
        Path agent = Path.of(System.getProperty("it.statickeys.agent.jar"));
        Path nested = Path.of(System.getProperty("it.statickeys.nested.jar"));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        service = new ProcessBuilder(java.toString(), "-javaagent:" + agent + "=" + agentOptions, "-jar", nested.toString(),
                "--port", "0").redirectError(temp.resolve("stderr").toFile()).start();
        // The ready line is the first line of output; readLine returns null if the JVM dies first.
        BufferedReader out = new BufferedReader(new InputStreamReader(service.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        assertNotNull(line, () -> "the service JVM exited without its ready line: " + stderr());
        Matcher ready = READY.matcher(line);
        assertTrue(ready.matches(), line);
        port = Integer.parseInt(ready.group(1));
    }

    private String send(String method, String path) throws IOException, InterruptedException {
        HttpRequest.BodyPublisher body = method.equals("POST") && path.equals("/orders")
                ? HttpRequest.BodyPublishers.ofString(ORDER) : HttpRequest.BodyPublishers.noBody();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, body).build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(response.statusCode() / 100 == 2, () -> method + " " + path + ": " + response.statusCode() + " "
                + response.body());
        return response.body();
    }

    /** Stops through the admin API; the agent wrote no warning about the tables it read through the loader. */
    private void assertStopsCleanly() throws Exception {
        send("POST", "/admin/shutdown");
        assertTrue(service.waitFor(30, TimeUnit.SECONDS), "the service JVM did not exit");
        assertEquals(0, service.exitValue(), this::stderr);
        assertFalse(stderr().contains("site table"), this::stderr);
    }

    private static byte[] originalHandler() throws IOException {
        try (JarFile samples = new JarFile(System.getProperty("it.statickeys.samples.jar"))) {
            return samples.getInputStream(samples.getEntry(HANDLER)).readAllBytes();
        }
    }

    /** Whether {@code text} (ASCII, so the same in a class file's modified UTF-8) occurs in {@code bytes}. */
    private static boolean contains(byte[] bytes, String text) {
        return new String(bytes, StandardCharsets.ISO_8859_1).contains(text);
    }

    private String stderr() {
        try {
            return Files.readString(temp.resolve("stderr"));
        } catch (IOException e) {
            return "(no error output: " + e + ")";
        }
    }
}
