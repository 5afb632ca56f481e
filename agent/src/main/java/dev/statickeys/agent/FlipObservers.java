package dev.statickeys.agent;

import dev.statickeys.internal.core.DaemonThreads;
import java.lang.ref.WeakReference;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.ObjLongConsumer;

/**
 * Flip observers handed in from outside the module ({@code boot.Bridge.observeFlips}, a public method any
 * library can call). The core calls its observers on the flipping thread with the flip lock held, which is
 * safe only for code that merely hands the report on; an observer from outside could block every flip or
 * throw through one. So the core is given a relay instead: under the lock it only queues the report (at most
 * {@value #CAPACITY} waiting, further reports dropped), and one daemon thread, {@value #THREAD}, calls the
 * observer, dropping what it throws. The relay holds the observer weakly (the caller keeps it reachable, as
 * the core's rule is) and this object holds the relays, which the core holds weakly in turn.
 */
final class FlipObservers {
    static final int CAPACITY = 10_000;
    static final String THREAD = "statickeys-flip-observers";

    private final List<Relay> relays = new CopyOnWriteArrayList<>();
    private ThreadPoolExecutor thread; // made at the first relay: most JVMs never observe flips

    /** The relay to register with the core for {@code observer}. */
    ObjLongConsumer<Map<String, Boolean>> relay(ObjLongConsumer<Map<String, Boolean>> observer) {
        if (observer == null) {
            throw new NullPointerException("observeFlips: observer is null; expected an ObjLongConsumer");
        }
        Relay relay = new Relay(observer, thread());
        relays.add(relay);
        return relay;
    }

    private synchronized ThreadPoolExecutor thread() {
        if (thread == null) {
            thread = new ThreadPoolExecutor(1, 1, 1, TimeUnit.SECONDS, new LinkedBlockingQueue<>(CAPACITY),
                    DaemonThreads.factory(THREAD), new ThreadPoolExecutor.DiscardPolicy());
            thread.allowCoreThreadTimeOut(true);
        }
        return thread;
    }

    private final class Relay implements ObjLongConsumer<Map<String, Boolean>> {
        private final WeakReference<ObjLongConsumer<Map<String, Boolean>>> observer;
        private final ThreadPoolExecutor thread;

        Relay(ObjLongConsumer<Map<String, Boolean>> observer, ThreadPoolExecutor thread) {
            this.observer = new WeakReference<>(observer);
            this.thread = thread;
        }

        /** Called with the flip lock held: queues and returns. */
        @Override
        public void accept(Map<String, Boolean> states, long nanos) {
            if (observer.get() == null) {
                relays.remove(this);
                return;
            }
            Map<String, Boolean> copy = Collections.unmodifiableMap(new LinkedHashMap<>(states));
            thread.execute(new Runnable() {
                @Override
                public void run() {
                    deliver(copy, nanos);
                }
            });
        }

        private void deliver(Map<String, Boolean> states, long nanos) {
            ObjLongConsumer<Map<String, Boolean>> target = observer.get();
            if (target == null) {
                return;
            }
            try {
                target.accept(states, nanos);
            } catch (Throwable e) {
                if (e instanceof VirtualMachineError) {
                    throw (VirtualMachineError) e;
                }
                // An observer's failure is its own: the flip is done, the next report goes on.
            }
        }
    }
}
