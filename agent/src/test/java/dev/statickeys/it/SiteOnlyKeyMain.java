package dev.statickeys.it;

import dev.statickeys.StaticKey;
import dev.statickeys.agent.boot.StaticKeysMXBean;
import java.lang.management.ManagementFactory;
import java.util.concurrent.TimeUnit;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;

/**
 * An application whose key the agent meets only at a site: the class declaring the key is never
 * initialized (a patched site does not read the key's field) and the application never calls the API, as
 * in a Spring Boot service whose keys only guard code. The platform server is created by the application;
 * the agent's MXBean must still appear in it, for an operator to flip the key. Prints whether it did.
 */
public final class SiteOnlyKeyMain {
    /** Declares the key; referenced only by the site below. */
    static final class Keys {
        static final StaticKey KEY = StaticKey.defineFalse("site.only.key");
    }

    private SiteOnlyKeyMain() {}

    static int guarded() {
        if (Keys.KEY.isEnabled()) {
            return 1;
        }
        return 0;
    }

    public static void main(String[] args) throws Exception {
        System.out.println("guarded: " + guarded());
        MBeanServer platform = ManagementFactory.getPlatformMBeanServer();
        ObjectName bean = new ObjectName(StaticKeysMXBean.OBJECT_NAME);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!platform.isRegistered(bean) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        System.out.println("mxbean registered: " + platform.isRegistered(bean));
        for (CompositeData key : (CompositeData[]) platform.getAttribute(bean, "Keys")) {
            System.out.println("key: " + key.get("name"));
        }
    }
}
