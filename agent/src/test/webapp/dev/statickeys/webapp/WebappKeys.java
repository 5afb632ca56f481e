package dev.statickeys.webapp;

import dev.statickeys.DeferredKey;
import dev.statickeys.StaticKey;
import java.time.Duration;

/** The webapp's keys: defined by the copy of the API in this deployment's WEB-INF/lib. */
public final class WebappKeys {
    public static final StaticKey FEATURE = StaticKey.defineFalse("webapp.feature");
    public static final StaticKey TRACE = StaticKey.defineTrue("webapp.trace");
    public static final StaticKey RARE = StaticKey.defineFalse("webapp.rare");
    /** Decrements of RARE take effect after a short delay, on the API's timer thread. */
    public static final DeferredKey RARE_USERS = DeferredKey.of(RARE, Duration.ofMillis(20));

    private WebappKeys() {}
}
