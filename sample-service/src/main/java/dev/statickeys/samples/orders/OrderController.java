package dev.statickeys.samples.orders;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /orders} (create) and {@code GET /orders/<id>} (read). The request path holds the sites of
 * all three {@link ServiceKeys}: ordinary {@code if (KEY.isEnabled())} checks that the agent patches to a
 * jump or a fall-through, so a disabled key's work costs nothing here.
 */
@RestController
class OrderController {
    private final OrderStore store;
    private final Tracer tracer;
    private final AuditLog audit;
    private final OrderValidator validator;

    OrderController(OrderStore store, Tracer tracer, AuditLog audit, OrderValidator validator) {
        this.store = store;
        this.tracer = tracer;
        this.audit = audit;
        this.validator = validator;
    }

    @PostMapping(path = "/orders", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> create(@RequestBody OrderRequest request, HttpServletRequest http) {
        Tracer.Trace trace = ServiceKeys.TRACING.isEnabled() ? tracer.start(http) : null;
        ResponseEntity<?> reply = accept(request, trace);
        return finish(http, reply, trace);
    }

    @GetMapping("/orders/{id}")
    ResponseEntity<?> read(@PathVariable("id") long id, HttpServletRequest http) {
        Tracer.Trace trace = ServiceKeys.TRACING.isEnabled() ? tracer.start(http) : null;
        ResponseEntity<?> reply = store.get(id).<ResponseEntity<?>>map(ResponseEntity::ok)
                .orElseGet(() -> text(HttpStatus.NOT_FOUND, "no order " + id));
        if (trace != null) {
            trace.mark("read");
        }
        return finish(http, reply, trace);
    }

    private ResponseEntity<?> accept(OrderRequest request, Tracer.Trace trace) {
        try {
            request.check();
        } catch (IllegalArgumentException e) {
            return text(HttpStatus.BAD_REQUEST, e.getMessage());
        }
        if (trace != null) {
            trace.mark("parsed");
        }
        if (ServiceKeys.VALIDATION.isEnabled()) {
            List<String> problems = validator.problems(request);
            if (trace != null) {
                trace.mark("validated");
            }
            if (!problems.isEmpty()) {
                return text(HttpStatus.UNPROCESSABLE_CONTENT, "order refused: " + String.join("; ", problems));
            }
        }
        Order order = store.add(request);
        if (trace != null) {
            trace.mark("stored");
        }
        return ResponseEntity.status(HttpStatus.CREATED).body(order);
    }

    private ResponseEntity<?> finish(HttpServletRequest http, ResponseEntity<?> reply, Tracer.Trace trace) {
        if (ServiceKeys.AUDIT.isEnabled()) {
            audit.record(http, reply.getStatusCode().value());
        }
        // The trace decides by itself whether to finish, not the key: a request that started untraced
        // while tracing was being enabled has no trace to finish.
        if (trace != null) {
            tracer.finish(trace, reply.getStatusCode().value());
        }
        return reply;
    }

    private static ResponseEntity<?> text(HttpStatus status, String message) {
        return ResponseEntity.status(status).contentType(MediaType.TEXT_PLAIN).body(message);
    }
}
