package dev.statickeys.internal.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JumpTypeTest {
    @ParameterizedTest(name = "enabled={0} branch={1} -> {2}")
    @CsvSource({"false,false,NOP", "false,true,JMP", "true,false,JMP", "true,true,NOP"})
    void followsTheKernelTruthTable(boolean enabled, boolean branch, JumpType expected) {
        assertEquals(expected, JumpType.of(enabled, branch));
    }
}
