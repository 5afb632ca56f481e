package dev.statickeys.samples.orders;

import dev.statickeys.KeyInfo;
import dev.statickeys.StaticKey;
import java.util.List;

/**
 * The order service's keys, declared in one place as an application would. All three start disabled:
 * each guards work that an operator turns on for a while (to debug, to satisfy an audit, to screen a
 * suspicious client) and that should cost nothing the rest of the time.
 */
public final class ServiceKeys {
    /** Request tracing: a trace record with timings and headers for every request. */
    @KeyInfo(description = "records a trace (timings, headers) for every request", owner = "orders")
    public static final StaticKey TRACING = StaticKey.defineFalse("service.tracing");

    /** Audit logging: one formatted line per request in the audit ring buffer. */
    @KeyInfo(description = "writes an audit line for every request", owner = "orders")
    public static final StaticKey AUDIT = StaticKey.defineFalse("service.audit");

    /** Expensive order validation: catalogue patterns and a fingerprint check on every new order. */
    @KeyInfo(description = "screens every new order (patterns, fingerprint)", owner = "orders")
    public static final StaticKey VALIDATION = StaticKey.defineFalse("service.validation");

    /** The three keys (referencing this list also makes sure they are defined before anyone looks them up by name). */
    public static final List<StaticKey> ALL = List.of(TRACING, AUDIT, VALIDATION);

    private ServiceKeys() {}
}
