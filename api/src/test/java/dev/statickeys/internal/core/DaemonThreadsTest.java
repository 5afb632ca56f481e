package dev.statickeys.internal.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class DaemonThreadsTest {
    private static final InheritableThreadLocal<Object> APPLICATION_VALUE = new InheritableThreadLocal<>();

    /** Made on an "application" thread: its context loader, group and thread-locals must not be inherited. */
    @Test
    void aThreadMadeOnAnApplicationThreadInheritsNothingOfIt() throws Exception {
        ClassLoader webapp = new URLClassLoader("webapp", new URL[0], null);
        ThreadGroup appGroup = new ThreadGroup("application");
        AtomicReference<Thread> made = new AtomicReference<>();
        AtomicReference<Object> valueSeen = new AtomicReference<>("unset");
        Thread application = new Thread(appGroup, () -> {
            APPLICATION_VALUE.set(webapp);
            made.set(DaemonThreads.start("made", () -> valueSeen.set(APPLICATION_VALUE.get())));
        }, "application");
        application.setContextClassLoader(webapp);
        application.start();
        application.join();
        Thread thread = made.get();
        thread.join();
        assertSame(ClassLoader.getSystemClassLoader(), thread.getContextClassLoader());
        assertTrue(thread.isDaemon());
        assertEquals("made", thread.getName());
        assertNull(valueSeen.get(), "inheritable thread-locals must not be copied");
        ThreadGroup root = Thread.currentThread().getThreadGroup();
        while (root.getParent() != null) {
            root = root.getParent();
        }
        Thread unstarted = DaemonThreads.newThread("unstarted", () -> {});
        assertSame(root, unstarted.getThreadGroup());
        assertEquals(Thread.State.NEW, unstarted.getState());
    }

    @Test
    void theFactoryNamesItsThreads() {
        Thread thread = DaemonThreads.factory("pool").newThread(() -> {});
        assertEquals("pool", thread.getName());
        assertTrue(thread.isDaemon());
        assertSame(ClassLoader.getSystemClassLoader(), thread.getContextClassLoader());
    }

    @Test
    void nullArgumentsAreRefusedByName() {
        assertEquals("DaemonThreads.newThread: name and task must not be null",
                assertThrows(NullPointerException.class, () -> DaemonThreads.newThread("x", null)).getMessage());
        assertEquals("DaemonThreads.factory: name must not be null",
                assertThrows(NullPointerException.class, () -> DaemonThreads.factory(null)).getMessage());
    }
}
