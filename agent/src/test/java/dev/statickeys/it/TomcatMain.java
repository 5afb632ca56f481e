package dev.statickeys.it;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.ref.WeakReference;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.core.StandardContext;
import org.apache.catalina.startup.Tomcat;

/**
 * The program {@link TomcatIT} runs in a forked JVM, under the agent, with only this class's directory and
 * Tomcat on its class path (the API reaches the JVM only in each webapp's WEB-INF/lib): starts embedded
 * Tomcat on 127.0.0.1 and an ephemeral port, then deploys, requests, flips and undeploys the webapps given
 * (alternately) for the given number of rounds, then checks that every webapp class loader is collected.
 *
 * <p>Arguments: {@code rounds dumpDirectory|- heapDumpFile|- webapp...}. Prints one line per finding:
 * {@code FAIL <check> <detail>} for each failed check ({@code sites}, {@code dump}, {@code threads},
 * {@code context-loader}, {@code collected}), {@code INFO ...} otherwise, and {@code DONE} at the end; the
 * test asserts on these lines. Exit 0 when the program ran through, whatever it found.
 *
 * <p>Threads: a round leaves a thread behind when a thread alive after its undeploy (given a bounded time
 * to end) was not alive before its deploy, unless it belongs to a pool of the container or of this
 * program's HTTP client ({@link #CONTAINER_THREADS}), which grow on demand and serve every deployment.
 */
public final class TomcatMain {
    /** Name prefixes of the threads of pools that are not the webapp's: Tomcat's connector and utility executor, the HTTP client. */
    static final List<String> CONTAINER_THREADS = List.of("http-nio-", "Catalina-utility-", "HttpClient-");
    private static final String SITES_CLASS = "dev/statickeys/webapp/WebappSites.class";
    /** A generous bound for what must happen (a request, the deferred flip, collection). */
    private static final Duration BOUND = Duration.ofSeconds(30);
    /** How long a new thread gets to end after its webapp was undeployed (every round that leaves one waits this long). */
    private static final Duration THREAD_END = Duration.ofSeconds(5);

    private final Tomcat tomcat = new Tomcat();
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final List<WeakReference<ClassLoader>> loaders = new ArrayList<>();
    /** Threads already reported as pinning a webapp loader (each is reported once). */
    private final Set<Thread> pinning = new HashSet<>();
    private final Path dump;
    private int port;

    private TomcatMain(Path dump) {
        this.dump = dump;
    }

    public static void main(String[] args) throws Exception {
        int rounds = Integer.parseInt(args[0]);
        Path dump = args[1].equals("-") ? null : Path.of(args[1]);
        Path heapDump = args[2].equals("-") ? null : Path.of(args[2]);
        List<Path> webapps = List.of(args).subList(3, args.length).stream().map(Path::of).collect(Collectors.toList());
        TomcatMain main = new TomcatMain(dump);
        main.start(Files.createTempDirectory("statickeys-tomcat"));
        for (int round = 1; round <= rounds; round++) {
            main.round(round, webapps.get((round - 1) % webapps.size()));
        }
        main.checkCollected(heapDump);
        main.tomcat.stop();
        main.tomcat.destroy();
        System.out.println("DONE");
    }

    private void start(Path base) throws Exception {
        tomcat.setBaseDir(base.toString());
        Connector connector = new Connector();
        connector.setPort(0);
        connector.setProperty("address", "127.0.0.1");
        tomcat.setConnector(connector);
        tomcat.getHost().setAutoDeploy(false);
        tomcat.start();
        port = connector.getLocalPort();
        System.out.println("INFO tomcat " + tomcat.getServer().getClass().getPackage().getImplementationVersion()
                + " on 127.0.0.1:" + port);
    }

    /** One deployment: deploy, check the sites through flips, undeploy, check the threads. */
    private void round(int round, Path webapp) throws Exception {
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        String path = "/app" + round;
        if (dump != null) {
            Files.deleteIfExists(dump.resolve(SITES_CLASS));
        }
        Context context = deploy(path, webapp);
        loaders.add(new WeakReference<>(context.getLoader().getClassLoader()));
        exercise(round, path);
        saveDump(round);
        tomcat.getHost().removeChild(context);
        context = null;
        checkThreads(round, before);
    }

    private Context deploy(String path, Path webapp) {
        StandardContext context = new StandardContext();
        context.setName(path);
        context.setPath(path);
        context.setDocBase(webapp.toAbsolutePath().toString());
        context.addLifecycleListener(new Tomcat.FixContextListener());
        Tomcat.addServlet(context, "keys", "dev.statickeys.webapp.KeyServlet");
        context.addServletMappingDecoded("/keys", "keys");
        tomcat.getHost().addChild(context); // starts it: the host is running
        return context;
    }

    /** Flips through the servlet and checks what the sites of this deployment answer after each step. */
    private void exercise(int round, String path) throws Exception {
        expect(round, path, "", "feature=off trace=on rare=off api=webapp");
        expect(round, path, "op=enable&key=feature", "feature=on trace=on rare=off api=webapp");
        expect(round, path, "op=disable&key=trace", "feature=on trace=off rare=off api=webapp");
        expect(round, path, "op=disable&key=feature", "feature=off trace=off rare=off api=webapp");
        expect(round, path, "op=enable&key=trace", "feature=off trace=on rare=off api=webapp");
        expect(round, path, "op=use-rare", "feature=off trace=on rare=on api=webapp");
        // The decrement is deferred: the key stays on until the API's timer applies it.
        request(path, "op=release-rare");
        long deadline = System.nanoTime() + BOUND.toNanos();
        String body = request(path, "");
        while (!body.contains("rare=off") && System.nanoTime() < deadline) {
            Thread.sleep(10);
            body = request(path, "");
        }
        check(round, "sites", "after the deferred decrement", "feature=off trace=on rare=off api=webapp", body);
    }

    private void expect(int round, String path, String query, String expected) throws Exception {
        check(round, "sites", query.isEmpty() ? "initially" : "after " + query, expected, request(path, query));
    }

    private static void check(int round, String check, String step, String expected, String actual) {
        if (!expected.equals(actual)) {
            System.out.println("FAIL " + check + " round " + round + " " + step + ": expected [" + expected
                    + "], got [" + actual + "]");
        }
    }

    private String request(String path, String query) throws IOException, InterruptedException {
        URI uri = URI.create("http://127.0.0.1:" + port + path + "/keys" + (query.isEmpty() ? "" : "?" + query));
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri).timeout(BOUND).build(),
                HttpResponse.BodyHandlers.ofString());
        return response.statusCode() == 200 ? response.body() : "HTTP " + response.statusCode() + ": " + response.body();
    }

    /** Keeps this round's dumped WebappSites (the agent writes every deployment's copy to the same file). */
    private void saveDump(int round) throws IOException {
        if (dump == null) {
            return;
        }
        Path written = dump.resolve(SITES_CLASS);
        if (!Files.isRegularFile(written)) {
            System.out.println("FAIL dump round " + round + ": the agent dumped no " + written);
            return;
        }
        Path kept = dump.resolve("rounds/" + round + "/" + SITES_CLASS);
        Files.createDirectories(kept.getParent());
        Files.copy(written, kept, StandardCopyOption.REPLACE_EXISTING);
    }

    private void checkThreads(int round, Set<Thread> before) throws InterruptedException {
        long deadline = System.nanoTime() + THREAD_END.toNanos();
        List<Thread> left = newThreads(before);
        while (!left.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
            left = newThreads(before);
        }
        for (Thread thread : left) {
            System.out.println("FAIL threads round " + round + ": left behind " + describe(thread));
        }
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            ClassLoader context = thread.getContextClassLoader();
            for (int i = 0; i < loaders.size(); i++) {
                if (context != null && context == loaders.get(i).get() && pinning.add(thread)) {
                    System.out.println("FAIL context-loader round " + round + ": " + describe(thread)
                            + " has round " + (i + 1) + "'s webapp loader as its context loader");
                }
            }
        }
    }

    private static List<Thread> newThreads(Set<Thread> before) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> !before.contains(thread))
                .filter(thread -> CONTAINER_THREADS.stream().noneMatch(prefix -> thread.getName().startsWith(prefix)))
                .collect(Collectors.toList());
    }

    private static String describe(Thread thread) {
        ClassLoader context = thread.getContextClassLoader();
        return "[" + thread.getName() + "] (" + thread.getClass().getName() + (thread.isDaemon() ? ", daemon" : "")
                + ", context loader " + (context == null ? "none" : context.getClass().getName() + "@"
                        + Integer.toHexString(System.identityHashCode(context))) + ")";
    }

    /** Every webapp loader must be collected; a heap dump is written for the analysis when one is not. */
    private void checkCollected(Path heapDump) throws Exception {
        long deadline = System.nanoTime() + BOUND.toNanos();
        List<byte[]> pressure = new ArrayList<>();
        while (uncollected().size() > 0 && System.nanoTime() < deadline) {
            System.gc();
            pressure.add(new byte[1 << 20]);
            if (pressure.size() > 32) {
                pressure.clear();
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
        pressure.clear();
        List<Integer> left = uncollected();
        System.out.println("INFO collected " + (loaders.size() - left.size()) + " of " + loaders.size() + " webapp loaders");
        if (!left.isEmpty()) {
            System.out.println("FAIL collected after " + loaders.size() + " rounds: the webapp loaders of rounds " + left
                    + " are still reachable");
            if (heapDump != null) {
                Files.deleteIfExists(heapDump);
                ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class).dumpHeap(heapDump.toString(), true);
                System.out.println("INFO heap dump " + heapDump);
            }
        }
    }

    private List<Integer> uncollected() {
        List<Integer> rounds = new ArrayList<>();
        for (int i = 0; i < loaders.size(); i++) {
            if (loaders.get(i).get() != null) {
                rounds.add(i + 1);
            }
        }
        return rounds;
    }
}
