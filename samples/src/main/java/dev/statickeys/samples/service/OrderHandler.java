package dev.statickeys.samples.service;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.util.List;

/**
 * {@code POST /orders} (create) and {@code GET /orders/<id>} (read). The request path holds the sites of
 * all three {@link ServiceKeys}: ordinary {@code if (KEY.isEnabled())} checks that the agent patches to a
 * jump or a fall-through, so a disabled key's work costs nothing here.
 */
final class OrderHandler implements HttpHandler {
    private final OrderStore store;
    private final Tracer tracer;
    private final AuditLog audit;
    private final OrderValidator validator;

    OrderHandler(OrderStore store, Tracer tracer, AuditLog audit, OrderValidator validator) {
        this.store = store;
        this.tracer = tracer;
        this.audit = audit;
        this.validator = validator;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        long start = System.nanoTime();
        Tracer.Trace trace = ServiceKeys.TRACING.isEnabled() ? tracer.start(exchange, start) : null;
        Reply reply;
        try {
            reply = route(exchange, trace);
        } catch (IllegalArgumentException e) {
            reply = Reply.text(400, e.getMessage());
        }
        if (ServiceKeys.AUDIT.isEnabled()) {
            audit.record(exchange, reply);
        }
        // The trace decides by itself whether to finish, not the key: a request that started untraced
        // while tracing was being enabled has no trace to finish.
        if (trace != null) {
            tracer.finish(trace, reply.status());
        }
        reply.send(exchange);
    }

    private Reply route(HttpExchange exchange, Tracer.Trace trace) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        if (path.equals("/orders") || path.equals("/orders/")) {
            return method.equals("POST") ? create(Reply.body(exchange), trace)
                    : Reply.text(405, method + " " + path + ": use POST to create an order");
        }
        String id = path.substring("/orders/".length());
        if (!id.matches("[0-9]{1,18}")) {
            return Reply.text(404, "no such resource: " + path + " (orders are /orders/<number>)");
        }
        return method.equals("GET") ? read(Long.parseLong(id), trace)
                : Reply.text(405, method + " " + path + ": use GET to read an order");
    }

    private Reply create(String body, Tracer.Trace trace) {
        OrderRequest request = OrderRequest.parse(body);
        if (trace != null) {
            trace.mark("parsed");
        }
        if (ServiceKeys.VALIDATION.isEnabled()) {
            List<String> problems = validator.problems(request);
            if (trace != null) {
                trace.mark("validated");
            }
            if (!problems.isEmpty()) {
                return Reply.text(422, "order refused: " + String.join("; ", problems));
            }
        }
        Order order = store.add(request);
        if (trace != null) {
            trace.mark("stored");
        }
        return Reply.json(201, order.toJson());
    }

    private Reply read(long id, Tracer.Trace trace) {
        Reply reply = store.get(id).map(order -> Reply.json(200, order.toJson()))
                .orElseGet(() -> Reply.text(404, "no order " + id));
        if (trace != null) {
            trace.mark("read");
        }
        return reply;
    }
}
