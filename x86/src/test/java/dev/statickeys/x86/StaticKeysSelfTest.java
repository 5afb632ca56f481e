package dev.statickeys.x86;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The kernel's own static key test ({@code lib/test_static_key_base.c} and {@code lib/test_static_keys.c})
 * on the simulation: the base module defines eight keys and inverts four of them at load; the test
 * module defines four more and checks 18 (key, branch form) rows: each key's state, and what a CPU
 * running the row's function gets. Verify, invert every key, verify inverted, invert again, verify.
 */
class StaticKeysSelfTest {
    /** One row of {@code static_key_tests[]}: the expected initial state, the key, the function testing it. */
    private record Row(boolean initialState, String key, String function) {}

    private final Kernel kernel = Kernel.boot(List.of(SmallKernel.core()), 2, SmpLocks.UpByte.DS);
    private final List<Row> rows = new ArrayList<>();

    /**
     * A function returning 1 when the branch says the key is enabled: for {@code static_branch_likely} the
     * fall-through is the true path, for {@code static_branch_unlikely} the jump is. Old-style
     * {@code static_key_true}/{@code static_key_false} are likely/unlikely on a key of that default.
     */
    private static void testFunction(Assembler asm, String name, Assembler.KeyRef key, boolean likely, boolean wide) {
        Assembler.Label other = asm.label(null);
        asm.bind(asm.label(name));
        asm.staticBranch(key, likely, other, wide);
        asm.movImm(likely ? 1 : 0, Reg.RAX).ret();
        asm.bind(other).movImm(likely ? 0 : 1, Reg.RAX).ret();
    }

    /** {@code test_static_key_base}: eight keys, twelve functions. */
    private static ObjectFile base() {
        Assembler asm = new Assembler("test_static_key_base");
        String[][] oldStyle = {{"base_old_true_key", "true"}, {"base_inv_old_true_key", "true"},
            {"base_old_false_key", "false"}, {"base_inv_old_false_key", "false"}};
        for (String[] key : oldStyle) {
            boolean initial = Boolean.parseBoolean(key[1]);
            String function = "test_key_" + key[0].replace("_key", "");
            testFunction(asm, function, asm.defineKey(key[0], initial), initial, true);
        }
        String[][] newStyle = {{"base_true_key", "true"}, {"base_inv_true_key", "true"}, {"base_false_key", "false"},
            {"base_inv_false_key", "false"}};
        for (String[] key : newStyle) {
            Assembler.KeyRef ref = asm.defineKey(key[0], Boolean.parseBoolean(key[1]));
            String stem = "test_key_" + key[0].replace("_key", "");
            testFunction(asm, stem + "_likely", ref, true, false);
            testFunction(asm, stem + "_unlikely", ref, false, true);
        }
        return asm.finish();
    }

    /** {@code test_static_keys}: four keys of its own, six functions. */
    private static ObjectFile test() {
        Assembler asm = new Assembler("test_static_keys");
        testFunction(asm, "test_key_old_true", asm.defineKey("old_true_key", true), true, true);
        testFunction(asm, "test_key_old_false", asm.defineKey("old_false_key", false), false, false);
        Assembler.KeyRef trueKey = asm.defineKey("true_key", true);
        Assembler.KeyRef falseKey = asm.defineKey("false_key", false);
        testFunction(asm, "test_key_likely_true", trueKey, true, true);
        testFunction(asm, "test_key_unlikely_true", trueKey, false, false);
        testFunction(asm, "test_key_likely_false", falseKey, true, false);
        testFunction(asm, "test_key_unlikely_false", falseKey, false, true);
        return asm.finish();
    }

    private void row(boolean initialState, String key, String function) {
        rows.add(new Row(initialState, key, function));
    }

    @Test
    void verifyInvertVerifyInvertVerify() {
        kernel.loadModule("test_static_key_base", List.of(base()));
        for (String key : List.of("base_inv_old_true_key", "base_inv_old_false_key", "base_inv_true_key",
                "base_inv_false_key")) {
            invert(key); // test_static_key_base_init
        }
        kernel.loadModule("test_static_keys", List.of(test()));
        row(true, "old_true_key", "test_static_keys.test_key_old_true");
        row(false, "old_false_key", "test_static_keys.test_key_old_false");
        row(true, "true_key", "test_static_keys.test_key_likely_true");
        row(true, "true_key", "test_static_keys.test_key_unlikely_true");
        row(false, "false_key", "test_static_keys.test_key_likely_false");
        row(false, "false_key", "test_static_keys.test_key_unlikely_false");
        row(true, "base_old_true_key", "test_static_key_base.test_key_base_old_true");
        row(false, "base_inv_old_true_key", "test_static_key_base.test_key_base_inv_old_true");
        row(false, "base_old_false_key", "test_static_key_base.test_key_base_old_false");
        row(true, "base_inv_old_false_key", "test_static_key_base.test_key_base_inv_old_false");
        for (String stem : List.of("true", "inv_true", "false", "inv_false")) {
            boolean initial = stem.equals("true") || stem.equals("inv_false");
            for (String form : List.of("_likely", "_unlikely")) {
                row(initial, "base_" + stem + "_key", "test_static_key_base.test_key_base_" + stem + form);
            }
        }
        assertEquals(18, rows.size());

        assertEquals(List.of(), verify(false), "initial state");
        invertAll();
        assertEquals(List.of(), verify(true), "after inverting every key");
        invertAll();
        assertEquals(List.of(), verify(false), "after inverting back");

        kernel.unloadModule("test_static_keys");
        kernel.unloadModule("test_static_key_base");
        assertEquals(List.of("off", "on"), kernel.keys().core().keys().all().stream().map(k -> k.name()).sorted()
                .toList());
    }

    /** {@code verify_keys}: each row's key state and what its function returns on a CPU. */
    private List<String> verify(boolean inverted) {
        List<String> failures = new ArrayList<>();
        for (Row row : rows) {
            boolean enabled = kernel.keys().enabled(row.key);
            if (enabled != (row.initialState ^ inverted)) {
                failures.add(row.key + " is " + (enabled ? "enabled" : "disabled"));
            }
            long result = kernel.call(row.function);
            if (result != (enabled ? 1 : 0)) {
                failures.add(row.function + " returned " + result + " while " + row.key + " is "
                        + (enabled ? "enabled" : "disabled"));
            }
        }
        return failures;
    }

    /** {@code invert_keys}: each key once (rows of the same key are adjacent). */
    private void invertAll() {
        String previous = null;
        for (Row row : rows) {
            if (!row.key.equals(previous)) {
                invert(row.key);
                previous = row.key;
            }
        }
    }

    private void invert(String key) {
        if (kernel.keys().enabled(key)) {
            kernel.keys().disable(key);
        } else {
            kernel.keys().enable(key);
        }
    }
}
