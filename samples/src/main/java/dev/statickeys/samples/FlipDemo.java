package dev.statickeys.samples;

import dev.statickeys.StaticKey;
import dev.statickeys.StaticKeys;

/**
 * Declares keys, flips them and prints what the guarded code does after each flip.
 *
 * <pre>
 * java -javaagent:agent/target/statickeys-agent-0.1.0-SNAPSHOT.jar \
 *      -cp api/target/statickeys-api-0.1.0-SNAPSHOT.jar:samples/target/statickeys-samples-0.1.0-SNAPSHOT.jar \
 *      dev.statickeys.samples.FlipDemo
 * </pre>
 * Add {@code =dump=/tmp/sk} to the agent and run {@code javap -c -p /tmp/sk/dev/statickeys/samples/FlipDemo.class}
 * to see the patched sites.
 */
public final class FlipDemo {
    private FlipDemo() {}

    /** The guarded code: two branch sites. */
    static String handle(int request) {
        String result = "request " + request + ":";
        if (Features.TRACING.isEnabled()) {
            result += " traced";
        }
        if (Features.FAST_PATH.isEnabled()) {
            result += " fast";
        } else {
            result += " reference";
        }
        return result;
    }

    public static void main(String[] args) throws InterruptedException {
        System.out.println("statickeys agent active: " + StaticKeys.agentActive()
                + (StaticKeys.agentActive() ? " (sites are patched in the bytecode)" : " (sites read the keys)"));
        show("start", 1);

        Features.TRACING.enable();
        show("TRACING.enable()", 2);

        StaticKeys.batch(() -> {
            Features.TRACING.disable();
            Features.FAST_PATH.disable();
        });
        show("batch { TRACING.disable(); FAST_PATH.disable(); }", 3);

        Features.FAST_PATH.increment();
        Features.FAST_PATH.increment();
        show("FAST_PATH.increment() x2", 4);
        try {
            Features.FAST_PATH.disable();
        } catch (IllegalStateException e) {
            System.out.println("  FAST_PATH.disable() refused: " + e.getMessage());
        }
        Features.FAST_PATH.decrement();
        show("FAST_PATH.decrement()", 5);

        watchFromAnotherThread();
        System.out.println("keys: " + StaticKeys.all());
    }

    private static void show(String step, int request) {
        System.out.printf("%-52s -> %s   [%s]%n", step, handle(request), state(Features.TRACING) + ", "
                + state(Features.FAST_PATH));
    }

    @SuppressWarnings("statickeys") // reporting a key's state: a plain check on purpose
    private static String state(StaticKey key) {
        return key.name() + "=" + (key.isEnabled() ? "on" : "off") + "/" + key.count();
    }

    /**
     * A thread spinning on a site, compiled by now, sees a flip made by another thread. With the default
     * holder backend the loop's own class is never retransformed, so its running frame sees the flip
     * (with {@code backend=inline} it would not: see the README, "Backends").
     */
    private static void watchFromAnotherThread() throws InterruptedException {
        Features.TRACING.disable();
        Thread watcher = new Thread(() -> {
            long spins = 0;
            while (!Features.TRACING.isEnabled()) {
                spins++;
            }
            System.out.println("  watcher thread saw the flip after " + spins + " spins");
        });
        watcher.setDaemon(true);
        watcher.start();
        Thread.sleep(200);
        Features.TRACING.enable();
        watcher.join(10_000);
        show("TRACING.enable() while another thread spins on it", 6);
    }
}
