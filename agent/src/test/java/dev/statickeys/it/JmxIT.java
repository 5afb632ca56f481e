package dev.statickeys.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.statickeys.StaticKey;
import dev.statickeys.agent.boot.KeyStatus;
import dev.statickeys.agent.boot.StaticKeysMXBean;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import javax.management.JMX;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.RuntimeMBeanException;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.TabularData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The MXBean in this JVM (started with -javaagent), through the platform MBean server as JMX clients see it. */
class JmxIT {
    static final StaticKey KEY = StaticKey.defineFalse("jmx.key");
    private static final MBeanServer SERVER = ManagementFactory.getPlatformMBeanServer();
    private static ObjectName name;

    /** The site, in a class of its own: a class running during an inline flip would be moved to holders. */
    static final class Sites {
        private Sites() {}

        static String site() {
            if (KEY.isEnabled()) {
                return "on";
            }
            return "off";
        }
    }

    private static String site() {
        return Sites.site();
    }

    @BeforeAll
    static void theBeanAppearsOnceAKeyIsDefined() throws Exception {
        name = new ObjectName(StaticKeysMXBean.OBJECT_NAME);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!SERVER.isRegistered(name) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(SERVER.isRegistered(name), "no MBean " + name);
        site(); // load and run the site
    }

    private static CompositeData key(String key) throws Exception {
        CompositeData[] keys = (CompositeData[]) SERVER.getAttribute(name, "Keys");
        return Arrays.stream(keys).filter(k -> k.get("name").equals(key)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + key + " in " + Arrays.toString(keys)));
    }

    private static Object invoke(String operation, String key) throws Exception {
        return SERVER.invoke(name, operation, new Object[] {key}, new String[] {String.class.getName()});
    }

    @Test
    void everyKeyIsShownWithItsStateSitesAndBackend() throws Exception {
        CompositeData key = key("jmx.key");
        assertEquals(false, key.get("defaultEnabled"));
        assertEquals(true, key.get("defined"));
        assertEquals(1L, key.get("sites"));
        assertEquals(1L, key.get("classesWithSites"));
        assertEquals(System.getProperty("it.statickeys.backend"), key.get("backend"));
        assertEquals(System.getProperty("it.statickeys.backend"), SERVER.getAttribute(name, "Backend"));
        TabularData statistics = (TabularData) SERVER.getAttribute(name, "Statistics");
        assertFalse(statistics.isEmpty());
    }

    @Test
    void operationsFlipKeysByNameWithTheApisRules() throws Exception {
        invoke("enable", "jmx.key");
        assertEquals("on", site());
        assertEquals(1, KEY.count());
        CompositeData enabled = key("jmx.key");
        assertEquals(true, enabled.get("enabled"));
        assertTrue((Long) enabled.get("flips") >= 1);
        assertTrue((Long) enabled.get("lastFlipTime") > 0);
        invoke("increment", "jmx.key");
        RuntimeMBeanException refused = assertThrows(RuntimeMBeanException.class, () -> invoke("disable", "jmx.key"));
        assertInstanceOf(IllegalStateException.class, refused.getCause());
        assertTrue(refused.getCause().getMessage().startsWith("cannot disable static key \"jmx.key\": its count is 2"));
        assertEquals(2, KEY.count());
        invoke("decrement", "jmx.key");
        invoke("decrement", "jmx.key");
        assertEquals("off", site());
        assertEquals(0, KEY.count());
    }

    @Test
    void unknownAndInvalidNamesAreRefusedByName() {
        RuntimeMBeanException unknown = assertThrows(RuntimeMBeanException.class, () -> invoke("enable", "jmx.nope"));
        assertInstanceOf(IllegalArgumentException.class, unknown.getCause());
        assertTrue(unknown.getCause().getMessage().startsWith("no static key named \"jmx.nope\"; known keys: ["));
        RuntimeMBeanException invalid = assertThrows(RuntimeMBeanException.class, () -> invoke("enable", "a b"));
        assertEquals("invalid static key name \"a b\"; expected 1 to 200 characters from [A-Za-z0-9._-]",
                invalid.getCause().getMessage());
    }

    @Test
    void aTypedProxyReadsTheSameKeys() {
        StaticKeysMXBean proxy = JMX.newMXBeanProxy(SERVER, name, StaticKeysMXBean.class);
        KeyStatus key = proxy.getKeys().stream().filter(k -> k.getName().equals("jmx.key")).findFirst().orElseThrow();
        assertEquals(1L, key.getSites());
        assertEquals(KEY.count(), key.getCount());
    }
}
