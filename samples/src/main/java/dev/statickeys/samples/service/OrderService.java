package dev.statickeys.samples.service;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small orders service on the JDK's built-in HTTP server, with request tracing, audit logging and order
 * screening each behind a {@link ServiceKeys static key}, and admin endpoints to flip them
 * ({@link AdminHandler}). It listens on the loopback interface only.
 *
 * <pre>
 * java -javaagent:statickeys-agent.jar -cp statickeys-api.jar:statickeys-samples.jar \
 *      dev.statickeys.samples.service.OrderService --port 8080
 * </pre>
 * When ready it prints one line, {@code listening on port <n> pid <pid>}, to standard output. It stops on
 * {@code POST /admin/shutdown} or SIGTERM. Instances are thread-safe.
 */
public final class OrderService {
    /** Handler threads: a few, as the machines this runs on are small. */
    static final int THREADS = 4;
    static final String NODELAY = "sun.net.httpserver.nodelay";

    private final OrderStore store = new OrderStore();
    private final Tracer tracer = new Tracer();
    private final AuditLog audit = new AuditLog();
    private final OrderValidator validator = new OrderValidator(Set.of());
    private final HttpServer server;
    private final ExecutorService executor;
    private final CountDownLatch stopped = new CountDownLatch(1);

    private OrderService(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /**
     * Starts a service on {@code port} of the loopback interface (0 picks a free port) and returns once
     * it accepts requests.
     */
    public static OrderService start(int port) throws IOException {
        ServiceKeys.ALL.size(); // defines the keys now, so that the admin API finds them before any request
        // The JDK's server leaves Nagle's algorithm on unless told otherwise; with the client's delayed ACKs
        // that adds about 40 ms to requests whose response goes out in two writes (headers, then body).
        // Read once, when the first server is created; a value given on the command line wins.
        if (System.getProperty(NODELAY) == null) {
            System.setProperty(NODELAY, "true");
        }
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        ExecutorService executor = Executors.newFixedThreadPool(THREADS, daemonThreads());
        server.setExecutor(executor);
        OrderService service = new OrderService(server, executor);
        server.createContext("/orders", new OrderHandler(service.store, service.tracer, service.audit,
                service.validator));
        server.createContext("/admin", new AdminHandler(service));
        server.start();
        return service;
    }

    /** The port the service listens on. */
    public int port() {
        return server.getAddress().getPort();
    }

    /** Stops accepting requests and ends the handler threads; a second call does nothing. */
    public void stop() {
        synchronized (stopped) {
            if (stopped.getCount() == 0) {
                return;
            }
            server.stop(0);
            executor.shutdownNow();
            stopped.countDown();
        }
    }

    /** Waits until {@link #stop()} has run. */
    public void awaitStop() throws InterruptedException {
        stopped.await();
    }

    /** The counters of the guarded work, one {@code name value} per line, for {@code GET /admin/stats}. */
    String stats() {
        return "orders " + store.size() + "\ntraces " + tracer.count() + "\naudit " + audit.count()
                + "\nscreened " + validator.checked() + "\nrefused " + validator.rejected()
                + "\nloader " + OrderService.class.getClassLoader().getName() + "\n";
    }

    Tracer tracer() {
        return tracer;
    }

    AuditLog audit() {
        return audit;
    }

    /** {@code [--port <n>]}: starts a service, prints the ready line, and waits until it is stopped. */
    public static void main(String[] args) throws IOException, InterruptedException {
        int port = port(args);
        OrderService service = start(port);
        Runtime.getRuntime().addShutdownHook(new Thread(service::stop, "orders-sigterm"));
        System.out.println("listening on port " + service.port() + " pid " + ProcessHandle.current().pid());
        System.out.flush();
        service.awaitStop();
    }

    private static int port(String[] args) {
        if (args.length == 0) {
            return 8080;
        }
        if (args.length == 2 && args[0].equals("--port") && args[1].matches("[0-9]{1,5}")
                && Integer.parseInt(args[1]) <= 65535) {
            return Integer.parseInt(args[1]);
        }
        System.err.println("OrderService: expected --port <0-65535> (0 picks a free port), got " + String.join(" ", args));
        System.exit(2);
        throw new AssertionError("unreachable");
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger number = new AtomicInteger();
        return task -> {
            // Daemon threads: the JVM may end as soon as main returns after a stop.
            Thread thread = new Thread(task, "orders-http-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
