package dev.statickeys.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.statickeys.StaticKeys;
import dev.statickeys.fixtures.KernelStaticKeys;
import org.junit.jupiter.api.Test;

/** The kernel's static key self-test under the agent: every site is a patched jump or fall-through. */
class KernelStaticKeysIT {
    @Test
    void verifyInvertVerifyInvertVerify() {
        assertTrue(StaticKeys.agentActive());
        KernelStaticKeysTest.runKernelSequence();
        // verify() reads row.key, a key held in an object: a plain check by design. Every site method is patched.
        Dumps.of(KernelStaticKeys.class).isEnabledCallsByMethod().forEach((method, calls) ->
                assertEquals(method.equals("verify") ? 2 : 0, calls, "isEnabled() calls in " + method));
    }
}
