package dev.statickeys.samples.orders;

import dev.statickeys.StaticKeys;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What the guarded work did, as text for the scenario's driver and for a person with curl:
 * <pre>
 * GET /admin/stats    counters: orders, traces, audit lines, screened and refused orders; the agent; the loader
 * GET /admin/traces   the last trace records
 * GET /admin/audit    the last audit lines
 * </pre>
 * Keys are read and flipped through the {@code statickeys} actuator endpoint, not here.
 */
@RestController
class AdminController {
    private final OrderStore store;
    private final Tracer tracer;
    private final AuditLog audit;
    private final OrderValidator validator;

    AdminController(OrderStore store, Tracer tracer, AuditLog audit, OrderValidator validator) {
        this.store = store;
        this.tracer = tracer;
        this.audit = audit;
        this.validator = validator;
    }

    /** One {@code name value} per line. */
    @GetMapping(path = "/admin/stats", produces = "text/plain")
    String stats() {
        return "orders " + store.size() + "\ntraces " + tracer.count() + "\naudit " + audit.count()
                + "\nscreened " + validator.checked() + "\nrefused " + validator.rejected()
                + "\nagentActive " + StaticKeys.agentActive()
                + "\nloader " + AdminController.class.getClassLoader().getClass().getName() + "\n";
    }

    @GetMapping(path = "/admin/traces", produces = "text/plain")
    String traces() {
        return String.join("\n", tracer.recent());
    }

    @GetMapping(path = "/admin/audit", produces = "text/plain")
    String audit() {
        return String.join("\n", audit.last(100));
    }
}
