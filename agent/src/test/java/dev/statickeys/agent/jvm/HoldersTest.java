package dev.statickeys.agent.jvm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.statickeys.holders.Anchor;
import dev.statickeys.testing.FreshLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class HoldersTest {
    private static final String KEY = "holders.test.key";

    @Test
    void aHolderIsHandedTheClassFileOfItsKeysAppliedStateEachTimeAsACopyOfItsOwn() throws Exception {
        TransformerParts parts = new TransformerParts();
        FreshLoader loader = new FreshLoader(HoldersTest.class.getClassLoader(), Set.of(Anchor.class.getName()));
        Holders holders = parts.holders(loader);
        String holder = holders.ensure(KEY, false);
        String anchor = Anchor.class.getName().replace('.', '/');

        byte[] disabled = holders.currentBytes(holder);
        assertArrayEquals(HolderClass.bytes(holder, anchor, KEY, false, false), disabled);
        parts.control.enable(KEY);
        byte[] enabled = holders.currentBytes(holder);
        assertArrayEquals(HolderClass.bytes(holder, anchor, KEY, true, false), enabled);
        byte[] again = holders.currentBytes(holder);
        assertArrayEquals(enabled, again);
        assertNotSame(enabled, again); // a transformer after ours may write into what it is given
        enabled[0] = 0;
        assertArrayEquals(again, holders.currentBytes(holder));
    }

    @Test
    void aHolderIsToldFromOtherClassesOfItsLoaderByItsBinaryName() throws Exception {
        TransformerParts parts = new TransformerParts();
        FreshLoader loader = new FreshLoader(HoldersTest.class.getClassLoader(), Set.of(Anchor.class.getName()));
        Holders holders = parts.holders(loader);
        String holder = holders.ensure(KEY, false);
        Class<?> type = parts.classes.liveClassesOf(List.of(KEY)).get(0); // live as soon as it is defined
        assertEquals(holder.replace('/', '.'), type.getName());
        assertTrue(holders.owns(type));
        assertTrue(holders.owns(loader, holder));
        assertFalse(holders.owns(loader.loadClass(Anchor.class.getName())));
        assertFalse(holders.owns(HoldersTest.class));
        assertEquals(KEY, holders.refuse(type));
        assertFalse(holders.has(KEY));
    }

    /**
     * A holder the JVM will not define (here a class of its name exists already in its loader): the key's
     * sites are patched inline, and classes loaded later do not ask the JVM again.
     */
    @Test
    void aHolderTheJvmWillNotDefineIsNotTriedAgain() throws Exception {
        TransformerParts parts = new TransformerParts();
        FreshLoader loader = new FreshLoader(HoldersTest.class.getClassLoader(), Set.of(Anchor.class.getName()));
        Holders holders = parts.holders(loader);
        String name = HolderClass.nameOf(Anchor.class.getPackageName().replace('.', '/') + "/", KEY);
        java.lang.invoke.MethodHandles.privateLookupIn(loader.loadClass(Anchor.class.getName()),
                java.lang.invoke.MethodHandles.lookup()).defineClass(HolderClass.bytes(name,
                        Anchor.class.getName().replace('.', '/'), KEY, false, false));

        assertEquals(null, holders.ensure(KEY, false));
        assertTrue(holders.anyRefused());
        assertFalse(holders.has(KEY));
        assertFalse(holders.owns(loader, name));
        assertEquals(0, holders.size());
        assertEquals(null, holders.ensure(KEY, false));
    }

    /**
     * The race CI met under load: a thread finds no holder, another defines it, and then the first one
     * defines it too. Its answer is the holder the other defined, which stays registered (a failed second
     * definition used to unregister it, so flips no longer re-patched it).
     */
    @Test
    void aHolderDefinedByAnotherThreadAfterTheFirstLookIsTheAnswerAndStaysRegistered() throws Exception {
        TransformerParts parts = new TransformerParts();
        FreshLoader loader = new FreshLoader(HoldersTest.class.getClassLoader(), Set.of(Anchor.class.getName()));
        Holders holders = parts.holders(loader);
        String holder = holders.ensure(KEY, false);

        assertEquals(holder, holders.define(KEY, false)); // what the late thread does after its look
        Class<?> type = parts.classes.liveClassesOf(List.of(KEY)).get(0);
        assertEquals(1, parts.classes.liveClassesOf(List.of(KEY)).size());
        assertTrue(holders.has(KEY));
        assertTrue(holders.owns(type));
        assertTrue(holders.owns(loader, holder));
        assertEquals(1, holders.size());
        parts.control.enable(KEY);
        assertArrayEquals(HolderClass.bytes(holder, Anchor.class.getName().replace('.', '/'), KEY,
                true, false), holders.currentBytes(holder));
    }

    @Test
    void threadsMeetingAKeyAtOnceShareOneHolderOrPatchInline() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (int round = 0; round < 50; round++) {
                TransformerParts parts = new TransformerParts();
                FreshLoader loader = new FreshLoader(HoldersTest.class.getClassLoader(),
                        Set.of(Anchor.class.getName()));
                Holders holders = parts.holders(loader);
                CountDownLatch start = new CountDownLatch(1);
                List<Future<String>> answers = new ArrayList<>();
                for (int t = 0; t < 8; t++) {
                    answers.add(pool.submit(() -> {
                        start.await();
                        return holders.ensure(KEY, false);
                    }));
                }
                start.countDown();
                String defined = HolderClass.nameOf(Anchor.class.getPackageName().replace('.', '/') + "/", KEY);
                for (Future<String> answer : answers) {
                    String holder = answer.get();
                    assertTrue(holder == null || holder.equals(defined), holder); // null: that class patches inline
                }
                assertEquals(defined, holders.ensure(KEY, false));
                List<Class<?>> live = parts.classes.liveClassesOf(List.of(KEY));
                assertEquals(1, live.size(), "round " + round);
                assertTrue(holders.owns(live.get(0)), "round " + round);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
