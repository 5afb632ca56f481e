package dev.statickeys.openfeature;

import dev.openfeature.sdk.Client;
import dev.openfeature.sdk.EvaluationContext;
import dev.openfeature.sdk.EventDetails;
import dev.openfeature.sdk.ImmutableContext;
import dev.openfeature.sdk.ProviderEvent;
import dev.openfeature.sdk.ProviderState;
import dev.statickeys.StaticKey;
import dev.statickeys.StaticKeys;
import dev.statickeys.internal.core.DaemonThreads;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Static keys that follow OpenFeature boolean flags: the flag infrastructure a team already runs (a flag
 * file mounted in every container, flagd, a flag service behind an OpenFeature provider) drives the keys
 * of every JVM that binds them.
 *
 * <pre>{@code
 * OpenFeatureAPI.getInstance().setProviderAndWait(new FlagdProvider(options));
 * StaticKeyFlags flags = StaticKeyFlags.builder(OpenFeatureAPI.getInstance().getClient())
 *         .bind(TRACING)                  // follows the flag "tracing"
 *         .bind(AUDIT, "orders-audit")    // follows the flag "orders-audit"
 *         .start();
 * ...
 * flags.close();
 * }</pre>
 *
 * <h2>When flags are evaluated</h2>
 * Each bound flag is evaluated as a boolean with an empty invocation context (no per-request
 * attributes; the API's and the client's contexts still apply, as they do to every evaluation) when the
 * client's provider is ready, and again when a {@code PROVIDER_CONFIGURATION_CHANGED} event names it (an
 * event that names no flag re-evaluates every bound flag). The changes of one pass are applied in one
 * {@link StaticKeys#batch}: one patch operation whatever the number of keys.
 *
 * <h2>How a key follows its flag</h2>
 * On: {@link StaticKey#enable()} (nothing if already enabled). Off: {@link StaticKey#disable()}; when
 * another user raised the key's count to 2 or more the disable is refused, reported once and the key
 * left enabled ({@link FlagBinding.Status#HELD}). A key is never touched when its flag:
 * <ul>
 *   <li>depends on the evaluation context: only reasons {@code STATIC} and {@code CACHED} are followed
 *       ({@code TARGETING_MATCH}, {@code SPLIT}, {@code DEFAULT} with targeting rules and any other reason
 *       could differ per request, and a static key has one value per JVM); reported once by name;</li>
 *   <li>cannot be evaluated (not found, not a boolean, disabled, an error); reported once;</li>
 *   <li>belongs to a provider that is {@code STALE} or {@code ERROR}: every key stays where it is,
 *       reported once per episode; when the provider is ready again every bound flag is evaluated.</li>
 * </ul>
 * A flag that flaps is rate-limited by a {@link FlapLimit} ({@link FlapLimit#DEFAULT} unless set):
 * beyond it, disables wait with the {@link dev.statickeys.DeferredKey} rule.
 *
 * <h2>Threads</h2>
 * The SDK runs event handlers on its own threads; the handlers here only record what to do and return.
 * Evaluation and flips run on one daemon thread, {@code statickeys-openfeature}, which ends after a
 * second without work and pins no class loader. An exception there is logged and the next event is
 * handled as usual; a flip the agent refuses (a nested flip, say) is reported and leaves the key as it
 * was. Messages go to the {@link System.Logger} named {@code dev.statickeys.openfeature}.
 *
 * <p>Thread-safe.
 */
public final class StaticKeyFlags implements AutoCloseable {
    static final System.Logger LOG = System.getLogger("dev.statickeys.openfeature");
    static final String THREAD_NAME = "statickeys-openfeature";
    private static final EvaluationContext EMPTY = new ImmutableContext();

    private final Client client;
    private final List<Binding> bindings;
    private final Map<String, List<Binding>> byFlag = new LinkedHashMap<>();
    private final ThreadPoolExecutor worker;
    private final Consumer<EventDetails> onReady = details -> request(true, null, false, details);
    private final Consumer<EventDetails> onChanged = details -> request(false, details.getFlagsChanged(), false, details);
    private final Consumer<EventDetails> onTrouble = details -> request(false, null, true, details);

    // Work not yet taken by the worker thread; guarded by "this".
    private boolean all;
    private final Set<String> changedFlags = new LinkedHashSet<>();
    private String troubleMessage;
    private boolean scheduled;
    private boolean closed;

    // The worker thread's own state.
    private ProviderState episode;

    private StaticKeyFlags(Client client, List<Binding> bindings) {
        this.client = client;
        this.bindings = List.copyOf(bindings);
        for (Binding binding : bindings) {
            byFlag.computeIfAbsent(binding.flag(), flag -> new ArrayList<>()).add(binding);
        }
        // corePoolSize 0: the single thread ends after a second without work and is made again on demand.
        this.worker = new ThreadPoolExecutor(0, 1, 1, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                DaemonThreads.factory(THREAD_NAME));
    }

    /** A builder of bindings evaluated through {@code client}. */
    public static Builder builder(Client client) {
        if (client == null) {
            throw new NullPointerException("StaticKeyFlags.builder: client is null; expected an OpenFeature Client");
        }
        return new Builder(client);
    }

    /** Every binding's current state, in the order they were bound. */
    public List<FlagBinding> bindings() {
        List<FlagBinding> views = new ArrayList<>(bindings.size());
        for (Binding binding : bindings) {
            views.add(binding.view());
        }
        return List.copyOf(views);
    }

    /**
     * Stops following: removes the handlers from the client, waits up to 10 seconds for a pass in progress
     * to finish, and applies a deferred disable still waiting (so each key ends at its flag's last value).
     * Keys keep their states. Idempotent.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        client.removeHandler(ProviderEvent.PROVIDER_READY, onReady);
        client.removeHandler(ProviderEvent.PROVIDER_CONFIGURATION_CHANGED, onChanged);
        client.removeHandler(ProviderEvent.PROVIDER_STALE, onTrouble);
        client.removeHandler(ProviderEvent.PROVIDER_ERROR, onTrouble);
        worker.shutdown();
        try {
            if (!worker.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.log(Level.WARNING, "closing: a pass of " + THREAD_NAME + " is still running after 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Binding binding : bindings) {
            try {
                binding.flush();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "closing: the deferred disable of key \"" + binding.key().name()
                        + "\" failed: " + e);
            }
        }
    }

    private void start() {
        // Registering READY runs the handler at once when the provider is already ready (the SDK's rule).
        client.onProviderReady(onReady);
        client.onProviderConfigurationChanged(onChanged);
        client.onProviderStale(onTrouble);
        client.onProviderError(onTrouble);
    }

    /** Called on the SDK's threads: records the work, schedules one pass, returns at once. */
    private void request(boolean everything, List<String> flags, boolean trouble, EventDetails details) {
        try {
            synchronized (this) {
                if (closed) {
                    return;
                }
                if (everything || (!trouble && (flags == null || flags.isEmpty()))) {
                    all = true;
                } else if (flags != null) {
                    changedFlags.addAll(flags);
                }
                if (trouble) {
                    troubleMessage = details == null ? null : details.getMessage();
                }
                if (scheduled) {
                    return;
                }
                scheduled = true;
            }
            worker.execute(this::pass);
        } catch (RejectedExecutionException e) {
            // Closed meanwhile.
        } catch (RuntimeException | Error e) {
            LOG.log(Level.ERROR, "OpenFeature event handler failed; the keys stay as they are", e);
        }
    }

    /** One pass on the worker thread: takes the recorded work and does it; never throws. */
    private void pass() {
        boolean everything;
        Set<String> flags;
        String message;
        synchronized (this) {
            everything = all;
            flags = new LinkedHashSet<>(changedFlags);
            message = troubleMessage;
            all = false;
            changedFlags.clear();
            troubleMessage = null;
            scheduled = false;
        }
        try {
            evaluate(everything, flags, message);
        } catch (RuntimeException | LinkageError e) {
            LOG.log(Level.ERROR, "following OpenFeature flags failed in this pass; the next event is handled as usual",
                    e);
        }
    }

    private void evaluate(boolean everything, Set<String> flags, String message) {
        ProviderState state = client.getProviderState();
        if (state == ProviderState.STALE || state == ProviderState.ERROR || state == ProviderState.FATAL) {
            if (episode != state) {
                LOG.log(Level.WARNING, "the OpenFeature provider is " + state
                        + (message == null ? "" : " (" + message + ")")
                        + ": every bound key stays where it is until the provider is ready again");
                episode = state;
            }
            LOG.log(Level.DEBUG, () -> "provider " + state + ": flag changes left for when it is ready again");
            return;
        }
        if (state != ProviderState.READY) {
            // Not initialized yet: its READY event evaluates every bound flag.
            return;
        }
        if (episode != null) {
            LOG.log(Level.INFO, "the OpenFeature provider is ready again after " + episode
                    + ": evaluating every bound flag");
            episode = null;
            everything = true;
        }
        List<Binding> targets = everything ? bindings : selected(flags);
        if (!targets.isEmpty()) {
            apply(targets);
        }
    }

    private List<Binding> selected(Set<String> flags) {
        List<Binding> targets = new ArrayList<>();
        for (String flag : flags) {
            targets.addAll(byFlag.getOrDefault(flag, List.of()));
        }
        return targets;
    }

    /** Evaluates each target's flag, then applies every value in one batch. */
    private void apply(List<Binding> targets) {
        Map<Binding, Boolean> values = new LinkedHashMap<>();
        for (Binding binding : targets) {
            Verdict verdict = verdictOf(binding);
            if (verdict.status() == FlagBinding.Status.FOLLOWING) {
                values.put(binding, verdict.value());
            } else {
                binding.leave(verdict);
            }
        }
        if (values.isEmpty()) {
            return;
        }
        long now = System.nanoTime();
        try {
            StaticKeys.batch(() -> values.forEach((binding, value) -> {
                try {
                    binding.follow(value, now);
                } catch (RuntimeException e) {
                    // A refused flip (nested, or a count that changed meanwhile) leaves this key; go on.
                    binding.failed(e);
                }
            }));
        } catch (RuntimeException e) {
            // The batch's patch failed as a whole: counts and sites are as the agent left them.
            LOG.log(Level.ERROR, "patching the keys of " + values.size() + " changed flag(s) failed", e);
        }
    }

    private Verdict verdictOf(Binding binding) {
        try {
            return Verdict.of(client.getBooleanDetails(binding.flag(), binding.key().isEnabled(), EMPTY));
        } catch (RuntimeException e) {
            return Verdict.unavailable(e.getClass().getName(), "evaluation threw " + e);
        }
    }

    /** Collects bindings, then {@link #start()}s following them. Not thread-safe; use once. */
    public static final class Builder {
        private final Client client;
        private final List<StaticKey> keys = new ArrayList<>();
        private final List<String> flags = new ArrayList<>();
        private FlapLimit flapLimit = FlapLimit.DEFAULT;
        private boolean started;

        private Builder(Client client) {
            this.client = client;
        }

        /** Binds {@code key} to the flag of the same name. */
        public Builder bind(StaticKey key) {
            return bind(key, key == null ? null : key.name());
        }

        /**
         * Binds {@code key} to the boolean flag {@code flag}. Several keys may follow one flag; a key
         * follows one flag.
         *
         * @throws NullPointerException if an argument is null
         * @throws IllegalArgumentException if {@code flag} is blank, or {@code key} is already bound
         */
        public Builder bind(StaticKey key, String flag) {
            if (key == null) {
                throw new NullPointerException("StaticKeyFlags.bind: key is null; expected a StaticKey");
            }
            if (flag == null) {
                throw new NullPointerException("StaticKeyFlags.bind: flag of key \"" + key.name()
                        + "\" is null; expected a flag name");
            }
            if (flag.isBlank()) {
                throw new IllegalArgumentException("StaticKeyFlags.bind: flag of key \"" + key.name()
                        + "\" is blank; expected a flag name");
            }
            int index = indexOf(key);
            if (index >= 0) {
                throw new IllegalArgumentException("StaticKeyFlags.bind: key \"" + key.name()
                        + "\" is already bound to flag \"" + flags.get(index) + "\"; expected each key once");
            }
            keys.add(key);
            flags.add(flag);
            return this;
        }

        /** Binds each key to the flag of the same name, as {@link #bind(StaticKey)}. */
        public Builder bindAll(Collection<StaticKey> keys) {
            if (keys == null) {
                throw new NullPointerException("StaticKeyFlags.bindAll: keys is null; expected a collection of keys");
            }
            for (StaticKey key : keys) {
                bind(key);
            }
            return this;
        }

        /** Sets when a flapping flag's disables are deferred; {@link FlapLimit#DEFAULT} unless set. */
        public Builder flapLimit(FlapLimit limit) {
            if (limit == null) {
                throw new NullPointerException("StaticKeyFlags.flapLimit: limit is null; expected a FlapLimit");
            }
            this.flapLimit = limit;
            return this;
        }

        /**
         * Registers the handlers and starts following: if the provider is already ready, every bound flag
         * is evaluated at once (on the worker thread; this method does not wait for it).
         *
         * @throws IllegalStateException if no key is bound, or {@code start} was already called
         */
        public StaticKeyFlags start() {
            if (started) {
                throw new IllegalStateException("StaticKeyFlags.start: already started; expected one start per builder");
            }
            if (keys.isEmpty()) {
                throw new IllegalStateException("StaticKeyFlags.start: no key is bound; expected at least one bind(...)");
            }
            started = true;
            List<Binding> made = new ArrayList<>();
            for (int i = 0; i < keys.size(); i++) {
                made.add(new Binding(keys.get(i), flags.get(i), flapLimit));
            }
            StaticKeyFlags flagsOfKeys = new StaticKeyFlags(client, made);
            flagsOfKeys.start();
            return flagsOfKeys;
        }

        private int indexOf(StaticKey key) {
            for (int i = 0; i < keys.size(); i++) {
                if (keys.get(i).name().equals(key.name())) {
                    return i;
                }
            }
            return -1;
        }
    }
}
