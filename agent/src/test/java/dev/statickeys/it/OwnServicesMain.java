package dev.statickeys.it;

import dev.statickeys.StaticKey;
import dev.statickeys.agent.boot.StaticKeysMXBean;
import dev.statickeys.testing.FreshLoader;
import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.logging.LogManager;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.commons.ClassRemapper;
import org.objectweb.asm.commons.Remapper;

/**
 * An application that, as WildFly does, brings its own LogManager and MBeanServerBuilder (named by
 * {@code java.util.logging.manager} and {@code javax.management.builder.initial} on the command line) in
 * a class loader it creates in {@code main}: the classes {@code appserver.*}, which the class path does
 * not have. Before that it defines and flips a key and waits, so that an agent that started logging or
 * JMX on its own would have done so. Prints what it got.
 */
public final class OwnServicesMain {
    static final String OWN = "dev/statickeys/it/own/";
    static final String SERVER = "appserver/";
    static final StaticKey KEY = StaticKey.defineFalse("own.key");
    private static final long BOUND_SECONDS = 30;

    private OwnServicesMain() {}

    public static void main(String[] args) throws Exception {
        KEY.enable();
        KEY.disable();
        Thread.sleep(1_000);

        ClassLoader server = serverLoader();
        Thread.currentThread().setContextClassLoader(server);
        LogManager manager = LogManager.getLogManager();
        MBeanServer platform = ManagementFactory.getPlatformMBeanServer();
        ClassLoader managerLoader = manager.getClass().getClassLoader();
        System.out.println("log manager: " + manager.getClass().getName() + " from "
                + (managerLoader == null ? "the JDK" : managerLoader.getName()));
        System.out.println("platform server: " + platform.getAttribute(
                new ObjectName("JMImplementation:type=MBeanServerDelegate"), "ImplementationName"));

        ObjectName bean = new ObjectName(StaticKeysMXBean.OBJECT_NAME);
        System.out.println("mxbean registered: " + await(() -> platform.isRegistered(bean)));
        @SuppressWarnings("unchecked")
        List<String> recorded = (List<String>) server.loadClass("appserver.OwnLogManager").getField("RECORDED").get(null);
        await(() -> recorded.stream().anyMatch(line -> line.contains("flip: own.key disabled")));
        for (String line : recorded) {
            System.out.println("app-log: " + line);
        }
    }

    private static boolean await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(BOUND_SECONDS);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }

    /** The server's loader: its own classes renamed from dev.statickeys.it.own to appserver. */
    private static ClassLoader serverLoader() {
        Map<String, byte[]> classes = new HashMap<>();
        for (String type : List.of("OwnLogManager", "OwnLogManager$Recorder", "OwnMBeanServerBuilder",
                "OwnMBeanServerBuilder$OwnDelegate")) {
            byte[] renamed = renamed(FreshLoader.classFile(OwnServicesMain.class.getClassLoader(),
                    OWN.replace('/', '.') + type));
            classes.put(new ClassReader(renamed).getClassName().replace('/', '.'), renamed);
        }
        return new ClassLoader("appserver", ClassLoader.getSystemClassLoader()) {
            @Override
            protected Class<?> findClass(String name) throws ClassNotFoundException {
                byte[] code = classes.get(name);
                if (code == null) {
                    throw new ClassNotFoundException(name);
                }
                return defineClass(name, code, 0, code.length);
            }
        };
    }

    private static byte[] renamed(byte[] classFile) {
        ClassWriter writer = new ClassWriter(0);
        new ClassReader(classFile).accept(new ClassRemapper(writer, new Remapper() {
            @Override
            public String map(String internalName) {
                return internalName.startsWith(OWN) ? SERVER + internalName.substring(OWN.length()) : internalName;
            }
        }), 0);
        return writer.toByteArray();
    }
}
