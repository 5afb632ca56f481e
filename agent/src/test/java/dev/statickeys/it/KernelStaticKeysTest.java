package dev.statickeys.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.statickeys.StaticKeys;
import dev.statickeys.fixtures.KernelStaticKeys;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The kernel's static key self-test without the agent: sites are plain checks. */
class KernelStaticKeysTest {
    @Test
    void verifyInvertVerifyInvertVerify() {
        assertFalse(StaticKeys.agentActive());
        runKernelSequence();
    }

    /** {@code test_static_keys_init}: verify, invert all, verify inverted, invert all, verify. */
    static void runKernelSequence() {
        List<KernelStaticKeys.Row> rows = KernelStaticKeys.rows(); // "loads" the base module
        assertEquals(18, rows.size());
        assertEquals(List.of(), KernelStaticKeys.verify(rows, false), "initial state");
        KernelStaticKeys.invertAll(rows);
        assertEquals(List.of(), KernelStaticKeys.verify(rows, true), "after inverting every key");
        KernelStaticKeys.invertAll(rows);
        assertEquals(List.of(), KernelStaticKeys.verify(rows, false), "after inverting back");
    }
}
