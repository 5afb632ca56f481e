package dev.statickeys.agent.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LoggingStartWatchTest {
    /** The calls an {@link Instrumentation} received: "add <canRetransform>" and "remove". */
    private final List<String> calls = new ArrayList<>();
    private final List<ClassFileTransformer> added = new ArrayList<>();
    private final AtomicInteger started = new AtomicInteger();

    private Instrumentation instrumentation(Class<?>... loaded) {
        return (Instrumentation) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Instrumentation.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "addTransformer" -> {
                        calls.add("add " + args[1]);
                        added.add((ClassFileTransformer) args[0]);
                        yield null;
                    }
                    case "removeTransformer" -> {
                        calls.add("remove");
                        yield added.remove((ClassFileTransformer) args[0]);
                    }
                    case "getAllLoadedClasses" -> loaded;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void theWatchSharesTheSiteTransformersKindSoTheJvmCallsIntoJavaOncePerClassNotTwice() {
        LoggingStartWatch.install(instrumentation(), started::incrementAndGet);
        // retransformation-capable like the site transformer: one JVMTI environment, one upcall per class load
        assertEquals(List.of("add true"), calls);
        assertEquals(0, started.get());
    }

    @Test
    void itFiresOnceWhenTheRootLoggerLoadsAndRemovesItself() throws Exception {
        LoggingStartWatch.install(instrumentation(), started::incrementAndGet);
        ClassFileTransformer watch = added.get(0);
        byte[] bytes = {1, 2, 3};
        assertNull(watch.transform(null, "java/util/logging/LogManager", null, null, bytes));
        assertNull(watch.transform(getClass().getClassLoader(), LoggingStartWatch.ROOT_LOGGER, null, null, bytes),
                "a class of that name from another loader is not the JDK's");
        assertNull(watch.transform(null, LoggingStartWatch.ROOT_LOGGER, Object.class, null, bytes),
                "a retransformation loads nothing");
        assertEquals(0, started.get());

        assertNull(watch.transform(null, LoggingStartWatch.ROOT_LOGGER, null, null, bytes));
        assertNull(watch.transform(null, LoggingStartWatch.ROOT_LOGGER, null, null, bytes));
        assertEquals(1, started.get());
        assertEquals(List.of("add true", "remove"), calls);
    }

    @Test
    void itFiresAtOnceWhenLoggingStartedBeforeIt() throws Exception {
        Class<?> rootLogger = Class.forName("java.util.logging.LogManager$RootLogger", false, null);
        LoggingStartWatch.install(instrumentation(String.class, rootLogger), started::incrementAndGet);
        assertEquals(1, started.get());
        assertEquals(List.of("add true", "remove"), calls);
    }
}
