package dev.statickeys.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandleInfo;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Modifier;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The capabilities are made once per JVM, as handles of static methods (no instance bound to them). This
 * test makes them in the unit tests' JVM, with no agent behind them: no other test there uses them.
 */
class CapabilitiesTest {
    @Test
    void theCapabilitiesAreStaticHandlesMadeOncePerJvm() throws IllegalAccessException {
        Map<String, MethodHandle> handles = Capabilities.of(null, null);
        assertEquals(Set.of("define", "update", "batch", "deferred", "initialValueOf", "knownNames", "preset",
                "presetOf", "classInitialized", "statistics", "backend", "keyStatistics", "observeFlips",
                "flipSequence", "holderReader"), handles.keySet());
        MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(Capabilities.class, MethodHandles.lookup());
        for (Map.Entry<String, MethodHandle> handle : handles.entrySet()) {
            MethodHandleInfo info = lookup.revealDirect(handle.getValue());
            assertEquals(MethodHandleInfo.REF_invokeStatic, info.getReferenceKind(), handle.getKey());
            assertTrue(Modifier.isPrivate(info.getModifiers()), handle.getKey());
        }
        IllegalStateException second = assertThrows(IllegalStateException.class, () -> Capabilities.of(null, null));
        assertEquals("the capabilities exist already", second.getMessage());
    }
}
