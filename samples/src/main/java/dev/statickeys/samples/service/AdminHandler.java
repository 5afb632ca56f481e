package dev.statickeys.samples.service;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.statickeys.StaticKey;
import dev.statickeys.StaticKeys;
import java.io.IOException;
import java.util.Optional;

/**
 * The admin endpoints, text in and out:
 * <pre>
 * GET  /admin/keys                        every key: name, enabled, count; and whether the agent is active
 * POST /admin/keys/&lt;name&gt;/enable|disable  flips a key through the statickeys API
 * GET  /admin/stats                       counters of the guarded work (traces, audit lines, screened orders)
 * GET  /admin/traces                      the last trace records
 * GET  /admin/audit                       the last audit lines
 * POST /admin/shutdown                    stops the service
 * </pre>
 */
final class AdminHandler implements HttpHandler {
    static final String ENDPOINTS = "GET /admin/keys, POST /admin/keys/<name>/enable|disable, GET /admin/stats,"
            + " GET /admin/traces, GET /admin/audit, POST /admin/shutdown";
    private static final String KEYS = "/admin/keys/";

    private final OrderService service;

    AdminHandler(OrderService service) {
        this.service = service;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String request = exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath();
        Reply reply;
        if (request.startsWith("POST " + KEYS)) {
            reply = flip(request.substring(("POST " + KEYS).length()));
        } else {
            reply = fixed(request);
        }
        reply.send(exchange);
        if (request.equals("POST /admin/shutdown")) {
            // After the reply is out, and on another thread: stopping the server waits for its exchanges.
            new Thread(service::stop, "orders-shutdown").start();
        }
    }

    private Reply fixed(String request) {
        switch (request) {
            case "GET /admin/keys":
                return Reply.text(200, keys());
            case "GET /admin/stats":
                return Reply.text(200, service.stats());
            case "GET /admin/traces":
                return Reply.text(200, String.join("\n", service.tracer().recent()));
            case "GET /admin/audit":
                return Reply.text(200, String.join("\n", service.audit().last(100)));
            case "POST /admin/shutdown":
                return Reply.text(200, "shutting down");
            default:
                return Reply.text(404, "no admin endpoint " + request + "; the endpoints are " + ENDPOINTS);
        }
    }

    /** Lists every key of the JVM, not only the service's: the admin page of the library as a whole. */
    @SuppressWarnings("statickeys") // reporting keys' states: plain checks on purpose
    static String keys() {
        StringBuilder out = new StringBuilder("agent active: " + StaticKeys.agentActive() + "\n");
        for (StaticKey key : StaticKeys.all()) {
            out.append(key.name()).append(" enabled=").append(key.isEnabled()).append(" count=")
                    .append(key.count()).append('\n');
        }
        return out.toString();
    }

    /** {@code <name>/<action>}: enables or disables the key {@code name}. */
    private static Reply flip(String nameAndAction) {
        int slash = nameAndAction.lastIndexOf('/');
        String name = slash < 0 ? nameAndAction : nameAndAction.substring(0, slash);
        String action = slash < 0 ? "" : nameAndAction.substring(slash + 1);
        if (!action.equals("enable") && !action.equals("disable")) {
            return Reply.text(400, "bad action '" + action + "' for key '" + name
                    + "'; use POST /admin/keys/<name>/enable or /admin/keys/<name>/disable");
        }
        Optional<StaticKey> key;
        try {
            key = StaticKeys.find(name);
        } catch (IllegalArgumentException e) {
            return Reply.text(400, e.getMessage());
        }
        if (key.isEmpty()) {
            return Reply.text(404, "no static key named '" + name + "' in this JVM; GET /admin/keys lists them");
        }
        try {
            if (action.equals("enable")) {
                key.get().enable();
            } else {
                key.get().disable();
            }
        } catch (IllegalStateException e) {
            return Reply.text(409, e.getMessage()); // disable() of a key several users hold
        }
        return Reply.text(200, key.get().name() + " " + action + "d, count " + key.get().count());
    }
}
