package dev.statickeys.openfeature;

import static dev.statickeys.openfeature.Providers.flag;
import static dev.statickeys.openfeature.Providers.targeted;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.openfeature.sdk.Client;
import dev.openfeature.sdk.ProviderEventDetails;
import dev.statickeys.StaticKey;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Keys following flags of the SDK's InMemoryProvider (its updateFlag emits configuration-changed events). */
class StaticKeyFlagsTest {
    private LogCapture log;
    private StaticKeyFlags flags;

    @BeforeEach
    void capture() {
        log = new LogCapture();
    }

    @AfterEach
    void close() {
        if (flags != null) {
            flags.close();
        }
        log.close();
    }

    static FlagBinding.Status status(StaticKeyFlags flags, String key) {
        return flags.bindings().stream().filter(binding -> binding.key().equals(key)).findFirst().orElseThrow().status();
    }

    @Test
    void keyFollowsTheFlagOfTheSameName() {
        StaticKey key = StaticKey.defineFalse("of.sameName");
        Providers.Memory provider = new Providers.Memory(Map.of("of.sameName", flag(true)));
        flags = StaticKeyFlags.builder(Providers.install(provider)).bind(key).start();

        Waits.until("enabled when the provider is ready", key::isEnabled);
        provider.updateFlag("of.sameName", flag(false));
        Waits.until("disabled after the flag went off", () -> !key.isEnabled());
        provider.updateFlag("of.sameName", flag(true));
        Waits.until("enabled after the flag went on", key::isEnabled);
        assertEquals(List.of(new FlagBinding("of.sameName", "of.sameName", FlagBinding.Status.FOLLOWING, "value true")),
                flags.bindings());
    }

    @Test
    void mappedKeyFollowsAFlagOfAnotherName() {
        StaticKey key = StaticKey.defineTrue("of.mapped");
        Providers.Memory provider = new Providers.Memory(Map.of("orders-audit", flag(false), "of.mapped", flag(true)));
        flags = StaticKeyFlags.builder(Providers.install(provider)).bind(key, "orders-audit").start();

        Waits.until("disabled by orders-audit, not by the flag of its own name", () -> !key.isEnabled());
        provider.updateFlag("orders-audit", flag(true));
        Waits.until("enabled after orders-audit went on", key::isEnabled);
    }

    @Test
    void oneEventNamingSeveralFlagsFlipsTheirKeysInOnePass() {
        StaticKey first = StaticKey.defineFalse("of.batch.first");
        StaticKey second = StaticKey.defineFalse("of.batch.second");
        Providers.Memory provider = new Providers.Memory(Map.of("of.batch.first", flag(false), "of.batch.second", flag(false)));
        flags = StaticKeyFlags.builder(Providers.install(provider)).bind(first).bind(second).start();
        Waits.until("both evaluated", () -> status(flags, "of.batch.second") == FlagBinding.Status.FOLLOWING);

        // updateFlags emits one event naming both flags: one pass, one StaticKeys.batch (its single patch
        // operation is checked under the agent by OpenFeatureAgentIT).
        provider.updateFlags(Map.of("of.batch.first", flag(true), "of.batch.second", flag(true)));
        Waits.until("both enabled", () -> first.isEnabled() && second.isEnabled());
    }

    @Test
    void eventNamingNoFlagReevaluatesEveryBoundFlag() {
        StaticKey first = StaticKey.defineFalse("of.all.first");
        StaticKey second = StaticKey.defineFalse("of.all.second");
        Providers.Memory provider = new Providers.Memory(Map.of("of.all.first", flag(false), "of.all.second", flag(false)));
        flags = StaticKeyFlags.builder(Providers.install(provider)).bind(first).bind(second).start();
        Waits.until("both evaluated", () -> flags.bindings().stream()
                .allMatch(binding -> binding.status() == FlagBinding.Status.FOLLOWING));

        provider.quietly("of.all.first", flag(true));
        provider.quietly("of.all.second", flag(true));
        provider.emitProviderConfigurationChanged(ProviderEventDetails.builder().message("everything").build());
        Waits.until("both enabled", () -> first.isEnabled() && second.isEnabled());
    }

    @Test
    void contextDependentFlagIsNotBoundAndIsReportedOnceByName() {
        StaticKey targeting = StaticKey.defineFalse("of.targeting");
        StaticKey fallback = StaticKey.defineTrue("of.fallback");
        Providers.Memory provider = new Providers.Memory(Map.of(
                "of.targeting", targeted((flag, context) -> true),
                // Targeting that does not match the empty context: reason DEFAULT, yet another context could match.
                "of.fallback", targeted((flag, context) -> null)));
        flags = StaticKeyFlags.builder(Providers.install(provider)).bind(targeting).bind(fallback).start();

        log.await(Level.WARNING, "flag \"of.targeting\" depends on the evaluation context (reason TARGETING_MATCH)");
        log.await(Level.WARNING, "flag \"of.fallback\" depends on the evaluation context (reason DEFAULT)");
        provider.updateFlag("of.targeting", targeted((flag, context) -> true));
        provider.updateFlag("of.sentinel-does-not-exist", flag(true));
        provider.updateFlag("of.targeting", flag(true));
        Waits.until("bound once the flag is static", targeting::isEnabled);

        assertEquals(1, log.count(Level.WARNING, "\"of.targeting\" depends on the evaluation context"), log.toString());
        assertTrue(fallback.isEnabled(), "left as it was");
        assertEquals(FlagBinding.Status.CONTEXT_DEPENDENT, status(flags, "of.fallback"));
        assertEquals(FlagBinding.Status.FOLLOWING, status(flags, "of.targeting"));
    }

    @Test
    void missingFlagLeavesTheKeyAndIsReportedOnce() {
        StaticKey key = StaticKey.defineTrue("of.missing");
        Providers.Memory provider = new Providers.Memory(Map.of("other", flag(false)));
        flags = StaticKeyFlags.builder(Providers.install(provider)).bind(key).start();

        log.await(Level.WARNING, "flag \"of.missing\" cannot be evaluated (evaluation error FLAG_NOT_FOUND");
        assertTrue(key.isEnabled());
        assertEquals(FlagBinding.Status.UNAVAILABLE, status(flags, "of.missing"));
        provider.updateFlag("of.missing", flag(false));
        Waits.until("follows once the flag exists", () -> !key.isEnabled());
        log.await(Level.INFO, "key \"of.missing\" follows flag \"of.missing\" again");
    }

    @Test
    void staleAndErrorEpisodesLeaveEveryKeyAndAreReportedOnceEach() {
        StaticKey key = StaticKey.defineFalse("of.stale");
        Providers.Memory provider = new Providers.Memory(Map.of("of.stale", flag(false)));
        flags = StaticKeyFlags.builder(Providers.install(provider)).bind(key).start();
        Waits.until("evaluated", () -> status(flags, "of.stale") == FlagBinding.Status.FOLLOWING);

        provider.emitProviderStale(ProviderEventDetails.builder().message("lost the flag source").build());
        log.await(Level.WARNING, "the OpenFeature provider is STALE (lost the flag source)");
        // A second STALE inside the episode is not emitted here: the SDK delivers events on its own threads
        // in no guaranteed order, so it could arrive after the READY below and open a new episode.
        long skipped = log.count(Level.ALL, "flag changes left for when it is ready again");
        provider.updateFlag("of.stale", flag(true));
        log.awaitMore(Level.ALL, "flag changes left for when it is ready again", skipped);
        assertFalse(key.isEnabled(), "a STALE provider's flags are not followed");

        provider.emitProviderReady(ProviderEventDetails.builder().build());
        Waits.until("the change made while STALE applies when ready", key::isEnabled);
        log.await(Level.INFO, "ready again after STALE");

        provider.emitProviderError(ProviderEventDetails.builder().message("broken").build());
        log.await(Level.WARNING, "the OpenFeature provider is ERROR (broken)");
        provider.quietly("of.stale", flag(false));
        provider.emitProviderReady(ProviderEventDetails.builder().build());
        Waits.until("disabled when ready again", () -> !key.isEnabled());

        assertEquals(1, log.count(Level.WARNING, "the OpenFeature provider is STALE"), log.toString());
        assertEquals(1, log.count(Level.WARNING, "the OpenFeature provider is ERROR"), log.toString());
    }

    @Test
    void flappingFlagDefersItsDisablesAndAReEnableCancelsThem() {
        StaticKey key = StaticKey.defineFalse("of.flapping");
        Providers.Memory provider = new Providers.Memory(Map.of("of.flapping", flag(true)));
        // A window far longer than the test: every change below is inside it, whatever the machine's speed.
        flags = StaticKeyFlags.builder(Providers.install(provider)).bind(key)
                .flapLimit(new FlapLimit(2, Duration.ofHours(1))).start();
        Waits.until("enabled", key::isEnabled);

        setAndAwait(provider, false, "value false");           // change 1: disabled at once
        assertFalse(key.isEnabled());
        setAndAwait(provider, true, "value true");             // change 2
        assertTrue(key.isEnabled());
        setAndAwait(provider, false, "value false, disable deferred by PT1H");  // change 3: beyond the limit
        assertTrue(key.isEnabled(), "the disable waits");
        assertEquals(FlagBinding.Status.DEFERRED, status(flags, "of.flapping"));
        setAndAwait(provider, true, "value true");             // cancels the deferred disable
        assertTrue(key.isEnabled());
        assertEquals(1, key.count(), "the cancelled decrement left one user");
        setAndAwait(provider, false, "value false, disable deferred by PT1H");
        assertTrue(key.isEnabled());
        log.await(Level.INFO, "flag \"of.flapping\" changed more than 2 times within PT1H");

        flags.close();
        assertFalse(key.isEnabled(), "close applies the deferred disable: the key ends at the flag's last value");
    }

    private void setAndAwait(Providers.Memory provider, boolean value, String detail) {
        provider.updateFlag("of.flapping", flag(value));
        Waits.until("binding detail \"" + detail + "\"", () -> flags.bindings().get(0).detail().equals(detail));
    }

    @Test
    void disableOfAKeyHeldByOtherUsersIsRefusedAndReportedOnce() {
        StaticKey key = StaticKey.defineFalse("of.held");
        key.increment();
        key.increment();
        Providers.Memory provider = new Providers.Memory(Map.of("of.held", flag(false)));
        flags = StaticKeyFlags.builder(Providers.install(provider)).bind(key).start();

        log.await(Level.WARNING, "flag \"of.held\" is off but key \"of.held\" has count 2");
        assertEquals(2, key.count());
        assertEquals(FlagBinding.Status.HELD, status(flags, "of.held"));
        provider.updateFlag("of.held", flag(false));
        provider.updateFlag("of.held", flag(false));
        key.decrement();
        provider.updateFlag("of.held", flag(true));
        Waits.until("follows", () -> status(flags, "of.held") == FlagBinding.Status.FOLLOWING);
        provider.updateFlag("of.held", flag(false));
        Waits.until("disabled once the other user let go", () -> !key.isEnabled());
        assertEquals(1, log.count(Level.WARNING, "has count 2"), log.toString());
    }

    @Test
    void anExceptionOnTheWorkerIsLoggedAndTheNextEventIsHandled() {
        StaticKey boom = StaticKey.defineFalse("of.boom");
        StaticKey calm = StaticKey.defineFalse("of.calm");
        Providers.Memory provider = new Providers.Memory(Map.of("of.boom", flag(true), "of.calm", flag(false)));
        Client real = Providers.install(provider);
        AtomicBoolean stateThrows = new AtomicBoolean();
        // A client whose evaluation of one flag always throws, and whose provider state throws when armed.
        Client client = (Client) Proxy.newProxyInstance(Client.class.getClassLoader(), new Class<?>[] {Client.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getBooleanDetails") && "of.boom".equals(args[0])) {
                        throw new IllegalStateException("provider bug");
                    }
                    if (method.getName().equals("getProviderState") && stateThrows.getAndSet(false)) {
                        throw new IllegalArgumentException("state bug");
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        flags = StaticKeyFlags.builder(client).bind(boom).bind(calm).start();

        log.await(Level.WARNING, "flag \"of.boom\" cannot be evaluated (evaluation threw java.lang.IllegalStateException: provider bug)");
        stateThrows.set(true);
        provider.updateFlag("of.calm", flag(true));
        log.await(Level.SEVERE, "following OpenFeature flags failed in this pass");
        assertFalse(boom.isEnabled());
        provider.updateFlag("of.calm", flag(true));
        Waits.until("the next event is handled", calm::isEnabled);
    }

    @Test
    void handlersReturnAtOnceAndWorkRunsOnTheNamedDaemonThread() {
        StaticKey key = StaticKey.defineFalse("of.thread");
        Providers.Memory provider = new Providers.Memory(Map.of("of.thread", flag(false)));
        Thread[] seen = new Thread[1];
        Client real = Providers.install(provider);
        Client client = (Client) Proxy.newProxyInstance(Client.class.getClassLoader(), new Class<?>[] {Client.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getBooleanDetails")) {
                        seen[0] = Thread.currentThread();
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        flags = StaticKeyFlags.builder(client).bind(key).start();
        provider.updateFlag("of.thread", flag(true));
        Waits.until("enabled", key::isEnabled);
        assertEquals(StaticKeyFlags.THREAD_NAME, seen[0].getName());
        assertTrue(seen[0].isDaemon());
        assertEquals(ClassLoader.getSystemClassLoader(), seen[0].getContextClassLoader());
    }

    @Test
    void badArgumentsAreRefusedWithOneLineNamingTheInput() {
        StaticKey key = StaticKey.defineFalse("of.args");
        Client client = Providers.install(new Providers.Memory(Map.of()));
        assertEquals("StaticKeyFlags.builder: client is null; expected an OpenFeature Client",
                assertThrows(NullPointerException.class, () -> StaticKeyFlags.builder(null)).getMessage());
        StaticKeyFlags.Builder builder = StaticKeyFlags.builder(client);
        assertEquals("StaticKeyFlags.bind: key is null; expected a StaticKey",
                assertThrows(NullPointerException.class, () -> builder.bind(null)).getMessage());
        assertEquals("StaticKeyFlags.bind: flag of key \"of.args\" is null; expected a flag name",
                assertThrows(NullPointerException.class, () -> builder.bind(key, null)).getMessage());
        assertEquals("StaticKeyFlags.bind: flag of key \"of.args\" is blank; expected a flag name",
                assertThrows(IllegalArgumentException.class, () -> builder.bind(key, " ")).getMessage());
        assertEquals("StaticKeyFlags.bindAll: keys is null; expected a collection of keys",
                assertThrows(NullPointerException.class, () -> builder.bindAll(null)).getMessage());
        assertEquals("StaticKeyFlags.flapLimit: limit is null; expected a FlapLimit",
                assertThrows(NullPointerException.class, () -> builder.flapLimit(null)).getMessage());
        assertEquals("StaticKeyFlags.start: no key is bound; expected at least one bind(...)",
                assertThrows(IllegalStateException.class, builder::start).getMessage());
        builder.bind(key, "a");
        assertEquals("StaticKeyFlags.bind: key \"of.args\" is already bound to flag \"a\"; expected each key once",
                assertThrows(IllegalArgumentException.class, () -> builder.bind(key)).getMessage());
        flags = builder.start();
        assertEquals("StaticKeyFlags.start: already started; expected one start per builder",
                assertThrows(IllegalStateException.class, builder::start).getMessage());
    }

    @Test
    void flapLimitOutOfRangeIsRefused() {
        assertEquals("FlapLimit: changes 0 is out of range; expected 1 to 1000",
                assertThrows(IllegalArgumentException.class, () -> new FlapLimit(0, Duration.ofSeconds(1))).getMessage());
        assertEquals("FlapLimit: window PT0S is out of range; expected a Duration between 1 ms and 1 day",
                assertThrows(IllegalArgumentException.class, () -> new FlapLimit(1, Duration.ZERO)).getMessage());
        assertEquals("FlapLimit: window PT48H is out of range; expected a Duration between 1 ms and 1 day",
                assertThrows(IllegalArgumentException.class, () -> new FlapLimit(1, Duration.ofDays(2))).getMessage());
        assertEquals("FlapLimit: window is null; expected a Duration between 1 ms and 1 day",
                assertThrows(NullPointerException.class, () -> new FlapLimit(1, null)).getMessage());
    }

    @Test
    void closeRemovesTheHandlers() {
        StaticKey key = StaticKey.defineFalse("of.closed");
        Providers.Memory provider = new Providers.Memory(Map.of("of.closed", flag(false)));
        Client client = Providers.install(provider);
        StaticKeyFlags closed = StaticKeyFlags.builder(client).bind(key).start();
        Waits.until("evaluated", () -> status(closed, "of.closed") == FlagBinding.Status.FOLLOWING);
        closed.close();
        closed.close();
        // A second binding of the same flag, opened after the close, sees the event; the closed one must not.
        StaticKey witness = StaticKey.defineFalse("of.closed.witness");
        flags = StaticKeyFlags.builder(client).bind(witness, "of.closed").start();
        provider.updateFlag("of.closed", flag(true));
        Waits.until("the witness follows", witness::isEnabled);
        assertEquals("value false", closed.bindings().get(0).detail(), "a closed binding evaluates nothing");
    }

}
