package dev.statickeys;

import dev.statickeys.internal.core.Backend;
import dev.statickeys.internal.core.Clock;
import dev.statickeys.internal.core.Deferred;
import dev.statickeys.internal.core.JumpLabels;
import dev.statickeys.internal.core.KeyControl;
import dev.statickeys.internal.core.KeyRecord;
import dev.statickeys.internal.core.Transition;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntSupplier;
import java.util.function.ObjLongConsumer;

/**
 * The domain without the agent: the state machine of this copy of the API over a backend with nothing
 * to patch, since sites are ordinary calls of {@link StaticKey#isEnabled()}, which reads the count.
 */
class LocalDomain extends KeyDomain {
    private final KeyControl control;
    /** Flips by key, counted by {@link #countFlips}, which the state machine holds weakly. */
    private final Map<String, LongAdder> flips = new ConcurrentHashMap<>();
    private final ObjLongConsumer<Map<String, Boolean>> countFlips = (states, nanos) ->
            states.keySet().forEach(name -> flips.computeIfAbsent(name, n -> new LongAdder()).increment());

    LocalDomain() {
        this(states -> {}, Clock.system());
    }

    /** A domain over {@code backend} (tests record what it is asked to patch) and {@code clock}. */
    LocalDomain(Backend backend, Clock clock) {
        this.control = new KeyControl(new JumpLabels(backend), clock);
        control.core().observe(countFlips);
    }

    final KeyControl control() {
        return control;
    }

    @Override
    IntSupplier cell(String name, boolean initialValue, boolean definition) {
        KeyRecord record = control.core().keys().define(name, initialValue, definition);
        return record.reader();
    }

    @Override
    void update(String name, Transition op) {
        control.update(name, op);
    }

    @Override
    void batch(Runnable flips) {
        control.batch(flips);
    }

    @Override
    DeferredOps deferred(String name, long delayNanos) {
        Deferred handle = control.deferred(name, delayNanos);
        return new DeferredOps() {
            @Override
            public void increment() {
                handle.increment();
            }

            @Override
            public void decrement() {
                handle.decrement();
            }

            @Override
            public void flush() {
                handle.flush();
            }

            @Override
            public int pending() {
                return handle.pending();
            }
        };
    }

    @Override
    Boolean knownInitialValue(String name) {
        return null; // without the agent, a key is known only by its definition
    }

    @Override
    Collection<String> knownNames() {
        return List.of();
    }

    @Override
    void preset(String name, Boolean state) {
        control.core().keys().preset(name, state);
    }

    @Override
    Boolean preset(String name) {
        return control.core().keys().preset(name);
    }

    @Override
    boolean patching() {
        return false;
    }

    @Override
    void classInitialized(Class<?> type) {
    }

    @Override
    long[] statistics(String name) {
        LongAdder count = flips.get(name);
        return new long[] {0, 0, count == null ? 0 : count.sum()};
    }

    @Override
    String backend() {
        return "none";
    }

    @Override
    void observe(ObjLongConsumer<Map<String, Boolean>> observer) {
        control.core().observe(observer);
    }
}
