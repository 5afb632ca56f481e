package dev.statickeys.agent.boot;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.lang.invoke.MethodHandle;
import java.security.ProtectionDomain;

/**
 * The agent before the application names the statickeys API: the one transformer the trampoline
 * registers, which passes over every class after {@link ApiMention}'s byte search. An application that
 * never uses a key pays that search and nothing else: no module layer, no thread, no log line, no MXBean.
 *
 * <p>At the first class that names the API (a class with sites or key definitions, or the API itself) it
 * starts the core, as premain would have, on the thread loading that class and before the class is
 * defined; from then on it hands every class, that one first, to the core's transformer. It stays the
 * agent's only transformer registered with the JVM, so no class is transformed twice or missed between
 * the two. The trampoline defers to it only when premain has nothing to check (no agent options, no
 * {@code statickeys.*} system property): a mistake in the settings still stops the JVM before {@code main}.
 *
 * <p>Threads: the thread that starts the core passes over the classes the start itself loads; other threads
 * that meet a class naming the API meanwhile wait for the start, at most {@link #WAIT_MILLIS} (a start
 * that needs a lock such a thread holds, a class loader that is not parallel-capable, cannot hang them:
 * their class loads with its checks left as they are, which run correctly, unpatched). The core starts
 * at most once; if it cannot, one line says so and this transformer removes itself.
 *
 * <p>No static field refers to an instance: the JVM's transformer list does, and the trampoline keeps only a
 * method handle bound to {@link #wakeNow()}, so the {@code Instrumentation} it holds is out of reach.
 */
final class Dormant implements ClassFileTransformer {
    /** How long a thread waits for another's start of the core before its class loads as it is. */
    static final long WAIT_MILLIS = 30_000;

    private final String options;
    private final Instrumentation instrumentation;
    /** The core's transformer once it started; null before, or for good when it could not start. */
    private volatile MethodHandle core;
    /** The thread starting the core, while it does; guarded by {@code this}. */
    private Thread starting;
    /** Whether the start was tried, whatever came of it; guarded by {@code this}. */
    private boolean tried;

    Dormant(String options, Instrumentation instrumentation) {
        this.options = options;
        this.instrumentation = instrumentation;
    }

    @Override
    public byte[] transform(ClassLoader loader, String className, Class<?> classBeingRedefined,
            ProtectionDomain protectionDomain, byte[] classfileBuffer) {
        MethodHandle target = core;
        if (target == null) {
            if (!ApiMention.in(className, classfileBuffer)) {
                return null;
            }
            target = start();
            if (target == null) {
                return null;
            }
        }
        try {
            return (byte[]) target.invokeExact(loader, className, classBeingRedefined, protectionDomain,
                    classfileBuffer);
        } catch (Throwable e) {
            if (e instanceof VirtualMachineError) {
                throw (VirtualMachineError) e;
            }
            return null; // the core's transformer reports its own failures and never throws
        }
    }

    /** Starts the core now, unless it started or is starting (for {@code agentmain}, which needs it running). */
    void wakeNow() {
        start();
    }

    /** The core's transformer, started here if need be; null on the starting thread itself or if it failed. */
    private MethodHandle start() {
        Thread current = Thread.currentThread();
        synchronized (this) {
            if (starting == current) {
                return null; // a class the start itself loads
            }
            long deadline = System.nanoTime() + WAIT_MILLIS * 1_000_000L;
            boolean interrupted = false;
            while (starting != null) {
                long left = (deadline - System.nanoTime()) / 1_000_000L;
                if (left <= 0) {
                    break;
                }
                try {
                    wait(left);
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                current.interrupt();
            }
            if (tried || starting != null) {
                return core;
            }
            starting = current;
        }
        MethodHandle started = null;
        try {
            started = Trampoline.startDeferred(options, instrumentation);
        } finally {
            synchronized (this) {
                core = started;
                tried = true;
                starting = null;
                notifyAll();
            }
        }
        if (started == null) {
            instrumentation.removeTransformer(this);
        }
        return started;
    }
}
