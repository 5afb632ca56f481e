package dev.statickeys.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.statickeys.StaticKey;
import dev.statickeys.StaticKeys;
import dev.statickeys.agent.boot.Bridge;
import dev.statickeys.agent.boot.KeyStatus;
import dev.statickeys.agent.boot.StaticKeysMXBean;
import dev.statickeys.testing.Bytecode;
import dev.statickeys.testing.FreshLoader;
import dev.statickeys.testing.ThreadDumps;
import java.lang.management.ManagementFactory;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import javax.management.JMX;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

/**
 * Correctness at scale (issue 8). Loader threads define fresh copies of {@code StressSites} (about half
 * of them with their own copy of {@code StressKeys}) through fresh class loaders, initialize them and run
 * their sites, while mutator threads flip the four keys: {@code enable}/{@code disable} of the switched
 * keys ({@code stress.a}, {@code stress.b}), balanced {@code increment}/{@code decrement} of the counted
 * ones ({@code stress.c}, {@code stress.d}; each mutator only gives back references it took, and one owns
 * {@code stress.d}'s definition reference), and batches of these, nested and throwing ones included.
 *
 * <p>The test defines the keys by name before any class with sites loads, so with {@code backend=holder}
 * their holder classes are defined by the loader threads' first copies while the mutators flip.
 *
 * <p>While they run: each new copy, right after its initialization, must agree with the keys' counts
 * (checked holding the agent's flip lock while no batch is open, so nothing flips meanwhile: a copy
 * patched at load and initialized after a flip must have re-patched itself); and a mutator that holds a
 * reference on a counted key must see that key enabled at every site of a copy it picks, since no flip
 * can have disabled it.
 *
 * <p>Afterwards: no thread threw (a {@code VerifyError}, {@code LinkageError} or wrong answer fails the
 * test with that thread's error) or stayed stuck (a bounded wait; the failure carries a thread dump);
 * the counts are the ones the mutators' last operations imply; every site of every copy shows those
 * states, then the states inverted in one batch, then inverted back one operation at a time; the agent
 * counted every copy's sites, reported no patch failure and logged no warning about these classes but
 * the expected one for running frames under {@code backend=inline}; the dumped class keeps no key load
 * or {@code isEnabled} call.
 *
 * <p>Two sizes, chosen with the system property {@code it.statickeys.stress}: {@code reduced} (the default,
 * run by every {@code mvn verify}: a few seconds per backend) and {@code large}, on demand:
 * <pre>
 * mvn -B verify -pl agent -am -Dit.test=StressIT -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false -Dit.statickeys.stress=large
 * </pre>
 * Each run prints one summary line per backend (threads, copies, operations, flips, duration, seed).
 */
class StressIT {
    private static final String SITES = "dev.statickeys.fixtures.StressSites";
    private static final String KEYS = "dev.statickeys.fixtures.StressKeys";

    /**
     * How much work. Loaders load {@code copiesPerLoader} copies each; each mutator makes
     * {@code opsPerCopy} operations per copy loaded, keeping pace with the loaders so that flips are spread
     * over the whole load whatever either side costs. Runs with {@code backend=inline}, where every flip
     * retransforms every live copy, are smaller.
     */
    private record Size(String name, int loaders, int copiesPerLoader, int mutators, double opsPerCopy,
            long timeoutSeconds) {
        static Size fromProperties() {
            String size = System.getProperty("it.statickeys.stress", "reduced");
            boolean inline = System.getProperty("it.statickeys.backend", "holder").equals("inline");
            switch (size) {
                case "reduced":
                    return inline ? new Size(size, 3, 15, 3, 1, 180) : new Size(size, 3, 20, 3, 3, 180);
                case "large":
                    return inline ? new Size(size, 4, 250, 3, 0.4, 3600) : new Size(size, 4, 2000, 3, 3, 3600);
                default:
                    throw new IllegalArgumentException("system property it.statickeys.stress=" + size
                            + ": expected reduced or large");
            }
        }
    }

    /** One loaded copy of {@code StressSites}. */
    private record Copy(int index, Class<?> type, Method seenMethod, boolean ownKeys) {
        String seen() throws Exception {
            try {
                return (String) seenMethod.invoke(null);
            } catch (InvocationTargetException e) {
                throw e.getCause() instanceof Exception ? (Exception) e.getCause() : e;
            }
        }

        @Override
        public String toString() {
            ClassLoader loader = type.getClassLoader();
            return "copy #" + index + " (in " + loader.getName() + " " + loader
                    + (ownKeys ? ", with its own StressKeys)" : ")");
        }
    }

    private final Size size = Size.fromProperties();
    private final ClassLoader parent = StressIT.class.getClassLoader();
    private final CountDownLatch start = new CountDownLatch(1);
    private final ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
    private final AtomicReferenceArray<Copy> copies = new AtomicReferenceArray<>(size.loaders * size.copiesPerLoader);
    private final AtomicInteger copiesTaken = new AtomicInteger();
    private final LongAdder operations = new LongAdder();
    private final LongAdder batches = new LongAdder();
    private final LongAdder heldChecks = new LongAdder();
    private final LongAdder lockedChecks = new LongAdder();
    /** Mutators inside {@code StaticKeys.batch}: their counts may be ahead of the sites until it returns. */
    private final AtomicInteger openBatches = new AtomicInteger();
    private volatile boolean stop;
    private StaticKey a;
    private StaticKey b;
    private StaticKey c;
    private StaticKey d;

    @Test
    void classesLoadedWhileKeysFlipFromManyThreadsAllEndInTheFinalStates() throws Exception {
        long seed = System.nanoTime();
        long began = System.nanoTime();
        // Defined by name, before any class with sites loads: the keys' holders (backend=holder) are then
        // defined by the first copies the loader threads load, while the mutators flip.
        a = StaticKey.defineFalse("stress.a");
        b = StaticKey.defineTrue("stress.b");
        c = StaticKey.defineFalse("stress.c");
        d = StaticKey.defineTrue("stress.d");
        Map<String, Long> before = Bridge.statistics();
        try (WarningLog warnings = new WarningLog()) {
            try {
                run(seed);
            } finally {
                warnings.quietEnd();
            }
            check(seed, began, before, warnings);
        }
    }

    private void check(long seed, long began, Map<String, Long> before, WarningLog warnings) throws Exception {
        long runMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began);

        int loaded = copiesTaken.get();
        assertEquals(size.loaders * size.copiesPerLoader, loaded, "copies loaded");
        // Each mutator ended with a.disable(), b.enable() and gave back every reference it took.
        expectCounts(0, 1, 0, 1);
        // A problem the agent reported during the run (a class it could not patch) explains a stale copy
        // better than the copy does: checked first.
        List<String> reported = warnings.awaitUnexpected();
        assertTrue(reported.isEmpty(), "the agent reported problems with the stress classes during the run: "
                + reported);
        verifyEveryCopy("the states the mutators left", false, true, false, true, true);
        StaticKeys.batch(() -> {
            a.enable();
            b.disable();
            c.increment();
            c.increment();
            d.decrement();
        });
        expectCounts(1, 0, 2, 0);
        verifyEveryCopy("after inverting every key in one batch", true, false, true, false, false);
        a.disable();
        b.enable();
        c.decrement();
        expectCounts(0, 1, 1, 0);
        verifyEveryCopy("after a.disable, b.enable, c.decrement to 1", false, true, true, false, false);
        c.decrement();
        d.increment();
        expectCounts(0, 1, 0, 1); // the definitions' states, for the tests that run after this one
        verifyEveryCopy("after c.decrement to 0, d.increment", false, true, false, true, false);

        Copy first = copies.get(0);
        expectAgentCountedEverySiteAndFailedNone(first, loaded);
        expectNoKeyLeftInTheDumpedClass(first);
        List<String> unexpected = warnings.awaitUnexpected();
        assertTrue(unexpected.isEmpty(), "the agent reported problems with the stress classes: " + unexpected);
        report(seed, runMillis, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began), before, warnings.running());
    }

    // ---------------------------------------------------------------- the run

    private void run(long seed) throws Exception {
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < size.loaders; i++) {
            Random random = new Random(seed + i);
            int loader = i;
            threads.add(thread("stress-loader-" + i, () -> loadCopies(loader, random)));
        }
        for (int i = 0; i < size.mutators; i++) {
            Mutator mutator = new Mutator(new Random(seed + 100 + i), i == 0 ? 1 : 0);
            threads.add(thread("stress-mutator-" + i, mutator::run));
        }
        threads.forEach(Thread::start);
        start.countDown();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(size.timeoutSeconds);
        for (Thread thread : threads) {
            long left = deadline - System.nanoTime();
            if (left > 0) {
                thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            }
        }
        List<Thread> stuck = threads.stream().filter(Thread::isAlive).toList();
        if (!stuck.isEmpty()) {
            stop = true;
            String dump = ThreadDumps.of(stuck);
            stuck.forEach(Thread::interrupt);
            fail(stuck.size() + " stress threads still running after " + size.timeoutSeconds + " s (seed " + seed
                    + "; " + copiesTaken.get() + " copies loaded, " + operations.sum() + " operations): "
                    + stuck.stream().map(Thread::getName).toList() + "\n" + dump);
        }
        if (!failures.isEmpty()) {
            AssertionError error = new AssertionError(failures.size() + " stress threads failed (seed " + seed
                    + "); the first: " + failures.peek(), failures.peek());
            failures.stream().skip(1).forEach(error::addSuppressed);
            throw error;
        }
    }

    private interface Work {
        void run() throws Exception;
    }

    private Thread thread(String name, Work work) {
        Thread thread = new Thread(() -> {
            try {
                start.await();
                work.run();
            } catch (Throwable e) {
                stop = true;
                failures.add(new AssertionError(Thread.currentThread().getName() + ": " + e, e));
            }
        }, name);
        thread.setDaemon(true); // a stuck thread must not keep the test JVM alive
        return thread;
    }

    private void loadCopies(int id, Random random) throws Exception {
        for (int i = 0; i < size.copiesPerLoader && !stop; i++) {
            boolean ownKeys = random.nextBoolean();
            // Half the loaders share the name "fresh": the agent tells running classes apart by class
            // and loader name, so with backend=inline a frame in one such copy counts for them all.
            String name = random.nextBoolean() ? "fresh" : "stress-" + id + "-" + i;
            FreshLoader loader = new FreshLoader(name, parent, ownKeys ? Set.of(SITES, KEYS) : Set.of(SITES));
            Copy copy = load(loader, ownKeys);
            checkUnderTheFlipLock(copy);
            Copy other = sample(random);
            if (other != null) {
                other.seen(); // unchecked: a flip may run meanwhile
            }
        }
    }

    /** Defines (and patches) the class, gives flips a moment, then initializes it: the load/flip race. */
    private Copy load(FreshLoader loader, boolean ownKeys) throws Exception {
        Class<?> type = loader.loadClass(SITES);
        Thread.yield();
        Class.forName(SITES, true, loader);
        if (ownKeys) {
            Class.forName(KEYS, true, loader);
        }
        Copy copy = new Copy(copiesTaken.getAndIncrement(), type, type.getMethod("seen"), ownKeys);
        copies.set(copy.index, copy);
        return copy;
    }

    /**
     * Right after its initialization, the copy's sites agree with the keys' counts. Judged only when no
     * flip ran meanwhile (the agent's flip sequence, a seqlock, is even and unchanged across the check;
     * application code cannot hold the agent's flip lock) and no mutator was inside a batch. A stale copy
     * (loaded before a flip, initialized after it, and not re-patched) fails here.
     */
    private void checkUnderTheFlipLock(Copy copy) throws Exception {
        long before = Bridge.flipSequence();
        if ((before & 1) != 0 || openBatches.get() != 0) {
            return;
        }
        String seen = copy.seen();
        List<Integer> counts = List.of(a.count(), b.count(), c.count(), d.count());
        if (Bridge.flipSequence() != before || openBatches.get() != 0) {
            return; // a flip ran meanwhile: no verdict
        }
        String expected = expected(seen, counts.get(0) > 0, counts.get(1) > 0, counts.get(2) > 0, counts.get(3) > 0);
        if (!seen.equals(expected)) {
            throw new AssertionError(copy + " saw " + seen + " right after its initialization, while the counts"
                    + " were " + counts + " (expected " + expected + ")");
        }
        lockedChecks.increment();
    }

    /**
     * A copy loaded and initialized by now: the newest one half the time (it has just been through the
     * load/flip race), else any; null if the pick is still being loaded.
     */
    private Copy sample(Random random) {
        int taken = copiesTaken.get();
        return taken == 0 ? null : copies.get(random.nextBoolean() ? taken - 1 : random.nextInt(taken));
    }

    /** Flips the keys at random, keeping pace with the loaders, and checks the counted keys it holds. */
    private final class Mutator {
        private final Random random;
        private final int ownedD;
        private int heldC;
        private int heldD;
        private int ops;
        private boolean inBatch;

        /** @param ownedD references of stress.d this mutator starts with (the definition's, for one) */
        Mutator(Random random, int ownedD) {
            this.random = random;
            this.ownedD = ownedD;
            this.heldD = ownedD;
        }

        void run() throws Exception {
            int total = size.loaders * size.copiesPerLoader;
            while (!stop && ops < allowance(total)) {
                if (ops >= allowance(copiesTaken.get())) {
                    // Ahead of the loaders (flips of keys no live class uses cost nothing): wait for them,
                    // so that flips are spread over the whole load. The loaders never wait for mutators.
                    LockSupport.parkNanos(50_000);
                    continue;
                }
                int choice = random.nextInt(10);
                if (choice < 8) {
                    single(choice / 2);
                } else {
                    batch();
                }
                ops++;
                operations.increment();
            }
            while (heldC > 0) {
                count(c, -1);
            }
            while (heldD != ownedD) {
                count(d, heldD > ownedD ? -1 : 1);
            }
            a.disable();
            b.enable();
        }

        private void single(int key) throws Exception {
            switch (key) {
                case 0 -> toggle(a);
                case 1 -> toggle(b);
                case 2 -> count(c, step(heldC));
                default -> count(d, step(heldD));
            }
        }

        /** The operations this mutator may have made once {@code copies} copies are loaded. */
        private int allowance(int copies) {
            return (int) Math.ceil((copies + 1) * size.opsPerCopy);
        }

        /**
         * +1 or -1 for a key this thread holds {@code held} references on: references are held briefly
         * (0 to 2), so the mutators often all hold none and the count keeps crossing 0 and 1, the
         * edges where increments race with a first enable.
         */
        private int step(int held) {
            return held == 0 || (held == 1 && random.nextInt(4) == 0) ? 1 : -1;
        }

        private void toggle(StaticKey key) {
            if (random.nextBoolean()) {
                key.enable();
            } else {
                key.disable();
            }
        }

        private void count(StaticKey key, int delta) throws Exception {
            if (delta > 0) {
                key.increment();
            } else {
                key.decrement();
            }
            int held = key == c ? (heldC += delta) : (heldD += delta);
            if (held > 0) {
                expectHeldEnabled(key, held);
            }
        }

        private void batch() throws Exception {
            batches.increment();
            openBatches.incrementAndGet();
            try {
                batchOf(random.nextInt(8) == 0);
            } finally {
                openBatches.decrementAndGet();
            }
            // The batch has been applied: the keys this thread holds read enabled at every site.
            if (heldC > 0) {
                expectHeldEnabled(c, heldC);
            }
            if (heldD > 0) {
                expectHeldEnabled(d, heldD);
            }
        }

        /** One batch of 1 to 4 flips, some in a nested batch, and (if {@code throwing}) a throw at its end. */
        private void batchOf(boolean throwing) {
            RuntimeException thrown = new IllegalStateException("thrown inside a batch by the stress test");
            try {
                StaticKeys.batch(() -> {
                    inBatch = true;
                    try {
                        int flips = 1 + random.nextInt(4);
                        for (int i = 0; i < flips; i++) {
                            if (random.nextInt(5) == 0) {
                                StaticKeys.batch(() -> uncheckedSingle(random.nextInt(4))); // joins this one
                            } else {
                                uncheckedSingle(random.nextInt(4));
                            }
                        }
                    } finally {
                        inBatch = false;
                    }
                    if (throwing) {
                        throw thrown;
                    }
                });
            } catch (IllegalStateException e) {
                if (e != thrown) {
                    throw e;
                }
            }
        }

        private void uncheckedSingle(int key) {
            try {
                single(key);
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        /**
         * This thread holds {@code held} references on {@code key}, so the count is at least that and, once
         * the operation that took the last one has returned (outside a batch), every site reads enabled.
         */
        private void expectHeldEnabled(StaticKey key, int held) throws Exception {
            int count = key.count();
            if (count < held) {
                throw new AssertionError(key.name() + ": count " + count + " while this thread holds " + held);
            }
            if (inBatch) {
                return; // sites are patched when the batch ends
            }
            Copy copy = sample(random);
            if (copy == null) {
                return;
            }
            heldChecks.increment();
            String seen = copy.seen();
            String group = group(seen, key.name().charAt(key.name().length() - 1));
            if (group.contains("0")) {
                throw new AssertionError(copy + " saw " + seen + " while this thread holds " + held
                        + " reference(s) on " + key.name() + " (count " + key.count() + ")");
            }
        }
    }

    // ---------------------------------------------------------------- the checks after the run

    private static StaticKey key(Class<?> type, String field) throws ReflectiveOperationException {
        return (StaticKey) type.getField(field).get(null);
    }

    /** The digits of {@code key}'s group in what {@code seen()} returned, e.g. {@code 101} for {@code c=101}. */
    private static String group(String seen, char key) {
        for (String group : seen.split(" ")) {
            if (group.charAt(0) == key) {
                return group.substring(2);
            }
        }
        throw new AssertionError("no group " + key + " in " + seen);
    }

    /** What {@code seen()} must return when the keys are in these states, shaped like {@code seen}. */
    private static String expected(String seen, boolean... states) {
        StringBuilder expected = new StringBuilder();
        for (String group : seen.split(" ")) {
            char state = states[group.charAt(0) - 'a'] ? '1' : '0';
            expected.append(expected.length() == 0 ? "" : " ").append(group, 0, 2)
                    .append(String.valueOf(state).repeat(group.length() - 2));
        }
        return expected.toString();
    }

    private void expectCounts(int countA, int countB, int countC, int countD) {
        assertEquals(List.of(countA, countB, countC, countD), List.of(a.count(), b.count(), c.count(), d.count()),
                "counts of stress.a, .b, .c, .d");
    }

    private void verifyEveryCopy(String when, boolean stateA, boolean stateB, boolean stateC, boolean stateD,
            boolean checkKeys) throws Exception {
        List<String> stale = new ArrayList<>();
        int total = copiesTaken.get();
        for (int i = 0; i < total; i++) {
            Copy copy = copies.get(i);
            String seen = copy.seen();
            String expected = expected(seen, stateA, stateB, stateC, stateD);
            if (!seen.equals(expected)) {
                stale.add(copy + " saw " + seen);
            }
            if (checkKeys) {
                assertSame(a, key(copy.type, "A"), copy + " shares stress.a");
                assertSame(b, key(copy.type, "B"), copy + " shares stress.b");
                if (copy.ownKeys) {
                    Class<?> keys = Class.forName(KEYS, false, copy.type.getClassLoader());
                    assertSame(c, key(keys, "C"), copy + " shares stress.c");
                    assertSame(d, key(keys, "D"), copy + " shares stress.d");
                }
            }
        }
        if (!stale.isEmpty()) {
            fail(stale.size() + " of " + total + " copies are stale " + when + " (expected "
                    + expected(copies.get(0).seen(), stateA, stateB, stateC, stateD) + "): "
                    + stale.subList(0, Math.min(10, stale.size())) + "; the agent's counters: " + Bridge.statistics());
        }
    }

    private static StaticKeysMXBean bean() throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName name = new ObjectName(StaticKeysMXBean.OBJECT_NAME);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!server.isRegistered(name) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(server.isRegistered(name), "no MBean " + name);
        return JMX.newMXBeanProxy(server, name, StaticKeysMXBean.class);
    }

    private List<KeyStatus> stressKeys() throws Exception {
        return bean().getKeys().stream().filter(key -> key.getName().startsWith("stress.")).toList();
    }

    private void expectAgentCountedEverySiteAndFailedNone(Copy first, int loaded) throws Exception {
        String seen = first.seen();
        List<KeyStatus> keys = stressKeys();
        assertEquals(4, keys.size(), "stress keys in the MXBean");
        for (KeyStatus key : keys) {
            int sitesPerCopy = group(seen, key.getName().charAt(key.getName().length() - 1)).length();
            assertEquals(loaded, key.getClassesWithSites(), key.getName() + ": classes loaded with its sites");
            assertEquals((long) loaded * sitesPerCopy, key.getSites(), key.getName() + ": sites loaded");
            assertEquals(0, key.getPatchFailures(), key.getName() + ": classes its flips could not patch");
        }
    }

    private static void expectNoKeyLeftInTheDumpedClass(Copy copy) {
        Bytecode dumped = Dumps.of(copy.type);
        for (String method : List.of("seen", "aReturned", "dReturned")) {
            assertEquals(0, dumped.isEnabledCallsByMethod().get(method), method + ": isEnabled calls left");
            assertEquals(0, dumped.keyLoads(method), method + ": key loads left");
        }
    }

    private void report(long seed, long runMillis, long totalMillis, Map<String, Long> before, int running)
            throws Exception {
        Map<String, Long> after = Bridge.statistics();
        StringBuilder flips = new StringBuilder();
        for (KeyStatus key : stressKeys()) {
            flips.append(flips.length() == 0 ? "" : ", ").append(key.getName()).append(' ').append(key.getFlips());
        }
        System.out.printf("StressIT [%s, %s, java %s]: %d loader threads loaded %d copies, %d mutator threads made"
                + " %d operations (%d batches); site checks: %d right after a load under the flip lock, %d of keys a"
                + " mutator held; flips per key: %s; %d patch operations,"
                + " %d site classes and %d holders retransformed, %d classes moved to holders (%d running-frame"
                + " warnings), %d holders past their flip budget; threads ran %.1f s, whole test %.1f s (seed %d)%n",
                System.getProperty("it.statickeys.backend"), size.name, System.getProperty("java.version"),
                size.loaders, copiesTaken.get(), size.mutators, operations.sum(), batches.sum(), lockedChecks.sum(), heldChecks.sum(),
                flips, delta(before, after, "patchOperations"), delta(before, after, "siteClassesRetransformed"),
                delta(before, after, "holdersRetransformed"), delta(before, after, "classesMovedToHolders"), running,
                after.get("dynamicHolders"), runMillis / 1000.0, totalMillis / 1000.0, seed);
    }

    private static long delta(Map<String, Long> before, Map<String, Long> after, String counter) {
        return after.get(counter) - before.get(counter);
    }

    /**
     * The agent's warnings and errors about the stress classes and keys, through the logger it writes to.
     * While the threads run, its INFO lines (one per flip) are not printed.
     */
    private static final class WarningLog extends Handler implements AutoCloseable {
        private static final String RUNNING = "is being retransformed for a flip while";
        private final Logger logger = Logger.getLogger("dev.statickeys");
        private final Level level = logger.getLevel();
        /** Keys flipped only to put a message of their own last through the agent's log queue, one per call. */
        private final String markerPrefix = "StressIT.reported." + System.nanoTime() + ".";
        private int markers;
        private String marker;
        private final List<String> unexpected = new ArrayList<>();
        private int running;
        private boolean markerSeen;

        WarningLog() {
            logger.setLevel(Level.WARNING);
            logger.addHandler(this);
        }

        /** Prints the agent's INFO lines again, for the checks after the run. */
        void quietEnd() {
            logger.setLevel(level);
        }

        @Override
        public synchronized void publish(LogRecord record) {
            String message = record.getMessage();
            if (marker != null && message.contains(marker)) {
                markerSeen = true;
                notifyAll();
            } else if (record.getLevel().intValue() >= Level.WARNING.intValue()
                    && message.toLowerCase(java.util.Locale.ROOT).contains("stress")) {
                if (message.contains(RUNNING)) {
                    running++; // expected with backend=inline: a loader was running a copy's site
                } else {
                    unexpected.add(message);
                }
            }
        }

        /**
         * The unexpected messages, once everything reported before this call has been written: the agent
         * writes its messages in order from one thread, so this waits (bounded) for a marker of its own.
         */
        synchronized List<String> awaitUnexpected() throws InterruptedException {
            marker = markerPrefix + ++markers; // a new key each time: only a flip is logged
            markerSeen = false;
            StaticKey.defineFalse(marker).enable(); // the agent logs the flip, naming the key
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!markerSeen) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("the agent's log thread did not write a marker within 60 s");
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
            return List.copyOf(unexpected);
        }

        synchronized int running() {
            return running;
        }

        @Override
        public void flush() {}

        @Override
        public void close() {
            logger.removeHandler(this);
            logger.setLevel(level);
        }
    }
}
