package dev.statickeys.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.statickeys.StaticKey;
import dev.statickeys.agent.boot.Bridge;
import dev.statickeys.fixtures.LoopSites;
import dev.statickeys.fixtures.ScopeSites;
import dev.statickeys.testing.FreshLoader;
import dev.statickeys.testing.LogCapture;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a flip retransforms with this run's backend, and where holders live. Keys are read through
 * locals: see {@link BatchIT}.
 */
class FlipScopeIT {
    private static final boolean HOLDER = System.getProperty("it.statickeys.backend", "holder").equals("holder");
    private static final ClassLoader LOADER = FlipScopeIT.class.getClassLoader();
    private static final int COPIES = 40;

    private static boolean site(Class<?> copy) throws ReflectiveOperationException {
        return (boolean) copy.getMethod("site").invoke(null);
    }

    private static long delta(Map<String, Long> before, Map<String, Long> after, String counter) {
        return after.get(counter) - before.get(counter);
    }

    @Test
    void aFlipRetransformsOneHolderWhateverTheNumberOfClassesWithSites() throws Exception {
        List<Class<?>> copies = new ArrayList<>();
        for (int i = 0; i < COPIES; i++) {
            Class<?> copy = new FreshLoader(LOADER, Set.of(ScopeSites.class.getName())).loadClass(ScopeSites.class.getName());
            assertTrue(!site(copy)); // initialized, so live
            copies.add(copy);
        }
        StaticKey key = ScopeSites.KEY;
        Map<String, Long> before = Bridge.statistics();
        key.enable();
        Map<String, Long> after = Bridge.statistics();
        for (Class<?> copy : copies) {
            assertTrue(site(copy), "every copy follows the flip");
        }
        assertEquals(1, delta(before, after, "patchOperations"), "one retransformClasses call");
        if (HOLDER) {
            assertEquals(1, delta(before, after, "classesPatched"), after.toString());
            assertEquals(1, delta(before, after, "holdersRetransformed"));
            assertEquals(0, delta(before, after, "siteClassesRetransformed"));
        } else {
            // Every copy, and the system loader's ScopeSites if another test initialized it.
            assertTrue(delta(before, after, "siteClassesRetransformed") >= COPIES, after.toString());
            assertEquals(0, delta(before, after, "holdersRetransformed"));
        }
        key.disable();
    }

    @Test
    void holdersAreOrdinaryClassesInTheAgentsLoaderOnePerKey() throws Exception {
        StaticKey key = ScopeSites.KEY;
        assertTrue(!ScopeSites.site() || key.isEnabled()); // loads and initializes ScopeSites
        if (!HOLDER) {
            return; // inline: holders exist only for classes moved to them
        }
        Class<?> holder = Class.forName("dev.statickeys.holders.Key$scope$key", false, ClassLoader.getSystemClassLoader());
        assertEquals(ClassLoader.getSystemClassLoader(), holder.getClassLoader());
        assertTrue(!holder.isHidden());
        Method isEnabled = holder.getMethod("isEnabled");
        assertEquals(key.isEnabled(), isEnabled.invoke(null));
        key.enable();
        assertEquals(true, isEnabled.invoke(null));
        key.disable();
        assertEquals(false, isEnabled.invoke(null));
    }

    @ParameterizedTest(name = "class files hidden too: {0}")
    @ValueSource(booleans = {true, false})
    void aClassWhoseLoaderCannotSeeHoldersIsPatchedInlineAndFollowsFlips(boolean resourcesToo) throws Exception {
        // Class files hidden too: judged at load. Only classes hidden: found at initialization, re-patched
        // there (initialized here by Class.forName: a reflective first call would run the old code on JDK 17).
        try (LogCapture log = new LogCapture()) {
            Class<?> hidden = Class.forName(ScopeSites.class.getName(), true,
                    FreshLoader.hidingHolders(LOADER, Set.of(ScopeSites.class.getName()), resourcesToo));
            StaticKey key = ScopeSites.KEY;
            assertTrue(!site(hidden));
            Map<String, Long> before = Bridge.statistics();
            key.enable();
            Map<String, Long> after = Bridge.statistics();
            assertTrue(site(hidden), "follows the enable");
            assertTrue(delta(before, after, "siteClassesRetransformed") >= 1, "it is inline, so it is retransformed");
            key.disable();
            assertTrue(!site(hidden), "follows the disable");
            if (HOLDER) {
                assertNotNull(log.await("class " + ScopeSites.class.getName() + " cannot reach the statickeys holder"
                        + " classes from its class loader", 10));
            }
        }
    }

    @Test
    void aFrameRunningInAClassThatCannotSeeHoldersIsNamedAndTheClassStaysInline() throws Exception {
        try (LogCapture log = new LogCapture()) {
            Class<?> loop = Class.forName(LoopSites.class.getName(), true,
                    FreshLoader.hidingHolders(LOADER, Set.of(LoopSites.class.getName()), true));
            Method spin = loop.getMethod("spinUntilEnabled", AtomicLong.class);
            AtomicLong progress = new AtomicLong();
            Object[] outcome = new Object[1];
            Thread spinner = new Thread(() -> {
                try {
                    outcome[0] = spin.invoke(null, progress);
                } catch (ReflectiveOperationException | RuntimeException e) {
                    outcome[0] = e;
                }
            }, "hidden-spinner");
            spinner.start();
            while (progress.get() == 0 && spinner.isAlive()) {
                Thread.sleep(5);
            }
            assertTrue(spinner.isAlive(), "the spinner stopped before the flip: " + outcome[0]);
            StaticKey key = LoopSites.KEY;
            Map<String, Long> before = Bridge.statistics();
            key.enable();
            Map<String, Long> after = Bridge.statistics();
            loop.getField("stop").set(null, true);
            spinner.join();
            assertEquals(0, delta(before, after, "classesMovedToHolders"));
            assertNotNull(log.await("thread \"hidden-spinner\" in " + LoopSites.class.getName() + ".spinUntilEnabled(", 10));
            assertNotNull(log.await("holder classes are not usable from this class, so its sites stay inline", 10));
            loop.getField("stop").set(null, false);
            assertEquals(0L, spin.invoke(null, new AtomicLong()), "a new call sees the enable");
            key.disable();
        }
    }
}
