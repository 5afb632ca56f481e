package dev.statickeys.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.statickeys.StaticKey;
import dev.statickeys.StaticKeys;
import dev.statickeys.agent.boot.Bridge;
import dev.statickeys.fixtures.UnloadSites;
import dev.statickeys.testing.FreshLoader;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A class loader that becomes unreachable is collected with its classes: the agent holds them weakly
 * (its site table, holders' visibility cache, class forms), and flips afterwards pass them over.
 */
class ClassUnloadingIT {
    private static final boolean HOLDER = System.getProperty("it.statickeys.backend", "holder").equals("holder");

    @Test
    void aDroppedLoaderIsCollectedAndLaterFlipsPassItsClassesOver() throws Exception {
        WeakReference<ClassLoader> loader = loadFlipAndDrop();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        List<byte[]> pressure = new ArrayList<>();
        while (loader.get() != null && System.nanoTime() < deadline) {
            System.gc();
            pressure.add(new byte[1 << 20]);
            if (pressure.size() > 64) {
                pressure.clear();
            }
            Thread.sleep(20);
        }
        assertNull(loader.get(), "the fresh loader and its copy of UnloadSites are still reachable");

        StaticKey key = StaticKeys.find("unload.key").orElseThrow();
        Map<String, Long> before = Bridge.statistics();
        key.enable();
        key.disable();
        Map<String, Long> after = Bridge.statistics();
        assertEquals(0, after.get("siteClassesRetransformed") - before.get("siteClassesRetransformed"),
                "the collected class must not be retransformed");
        assertEquals(HOLDER ? 2 : 0, after.get("holdersRetransformed") - before.get("holdersRetransformed"));
    }

    /** Loads a copy of UnloadSites in a fresh loader, checks that it follows a flip, and keeps only a weak reference. */
    private static WeakReference<ClassLoader> loadFlipAndDrop() throws Exception {
        FreshLoader fresh = new FreshLoader(ClassUnloadingIT.class.getClassLoader(), Set.of(UnloadSites.class.getName()));
        Class<?> copy = fresh.loadClass(UnloadSites.class.getName());
        assertFalse((boolean) copy.getMethod("site").invoke(null));
        StaticKey key = (StaticKey) copy.getField("KEY").get(null);
        key.enable();
        assertTrue((boolean) copy.getMethod("site").invoke(null));
        key.disable();
        assertFalse((boolean) copy.getMethod("site").invoke(null));
        return new WeakReference<>(fresh);
    }
}
