package dev.statickeys.spring;

import dev.openfeature.sdk.Client;
import dev.openfeature.sdk.FeatureProvider;
import dev.openfeature.sdk.NoOpProvider;
import dev.openfeature.sdk.OpenFeatureAPI;
import dev.statickeys.StaticKey;
import dev.statickeys.StaticKeys;
import dev.statickeys.openfeature.StaticKeyFlags;
import java.util.List;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Binds every key known when the application has started to the OpenFeature boolean flag of the same
 * name ({@link StaticKeyFlags#builder}{@code .bindAll(StaticKeys.all()).start()}), and stops following on
 * shutdown. Keys without a flag are left alone (the binding reports them once).
 *
 * <p>Which provider: a {@link FeatureProvider} bean is registered with the SDK for the domain
 * {@value #DOMAIN} (so the application's default provider is not replaced) and the keys follow a client
 * of that domain; without one, the keys follow the SDK's default provider if the application has set one.
 * With neither, nothing is bound.
 *
 * <p>When: as a {@link SmartLifecycle}, after every singleton of the context exists, so that the keys
 * defined by the application's beans' classes are known. A key defined later is not bound.
 */
final class KeyFlagBinding implements SmartLifecycle {
    /** The OpenFeature domain a {@link FeatureProvider} bean is registered for. */
    static final String DOMAIN = "statickeys";
    private static final Log LOG = LogFactory.getLog(KeyFlagBinding.class);

    private final FeatureProvider provider;
    private volatile StaticKeyFlags flags;
    private volatile boolean running;

    /** @param provider the application's provider bean, or null to use the SDK's default provider */
    KeyFlagBinding(FeatureProvider provider) {
        this.provider = provider;
    }

    @Override
    public void start() {
        running = true;
        Client client = client(OpenFeatureAPI.getInstance());
        if (client == null) {
            LOG.info("statickeys: no OpenFeature provider (no FeatureProvider bean, none set in the SDK): keys are not"
                    + " bound to flags");
            return;
        }
        List<StaticKey> keys = StaticKeys.all();
        if (keys.isEmpty()) {
            LOG.info("statickeys: no key is defined yet: none is bound to an OpenFeature flag");
            return;
        }
        flags = StaticKeyFlags.builder(client).bindAll(keys).start();
        LOG.info("statickeys: " + keys.size() + " keys follow the OpenFeature flags of the same names");
    }

    private Client client(OpenFeatureAPI api) {
        if (provider != null) {
            api.setProvider(DOMAIN, provider);
            return api.getClient(DOMAIN);
        }
        return api.getProvider() instanceof NoOpProvider ? null : api.getClient();
    }

    /** The bindings, or null if nothing was bound. */
    StaticKeyFlags flags() {
        return flags;
    }

    @Override
    public void stop() {
        StaticKeyFlags bound = flags;
        flags = null;
        if (bound != null) {
            bound.close();
        }
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
