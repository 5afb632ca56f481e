package dev.statickeys.agent.jvm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.statickeys.holders.Anchor;
import dev.statickeys.testing.FreshLoader;
import java.util.List;
import java.util.Set;
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
}
