package dev.statickeys.x86;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Simulated CPUs executing the kernel's code while its sites are patched: the INT3 protocol never lets a
 * CPU decode a torn instruction; naive byte-by-byte writes do, and the CPUs catch it.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a lost sync fails instead of hanging CI
class LivePatchTest {
    private static final int ITERATIONS = 0;
    private static final int OFF_TAKEN = 8;
    private static final int ON_TAKEN = 12;
    /** Each worker iteration passes two sites. */
    private static final long SITE_PASSES = 1_000_000;
    private static final long NAIVE_MILLIS = 60_000;

    private final Kernel kernel = Kernel.boot(List.of(SmallKernel.core()), 2, SmpLocks.UpByte.DS);

    private Cpu steppedCpu() {
        return new Cpu(0, kernel.machine(), kernel.image().symbols.get("core.worker"), Machine.DATA_BASE);
    }

    private long counter(int dataOffset, int field) {
        return kernel.machine().load(Machine.DATA_BASE + dataOffset + field, 32);
    }

    @Test
    void aCpuRunsTheKernelsCodeAndTakesThePathsTheSitesSay() {
        Cpu cpu = steppedCpu();
        for (int i = 0; i < 1000; i++) {
            cpu.step();
        }
        long iterations = counter(0, ITERATIONS);
        assertTrue(iterations > 50, "iterations: " + iterations);
        assertEquals(0, counter(0, OFF_TAKEN), "off is disabled: its unlikely block never runs");
        assertTrue(Math.abs(counter(0, ON_TAKEN) - iterations) <= 1, "on is enabled: its likely block runs each time");
        kernel.keys().enable("off");
        kernel.keys().disable("on");
        long onBefore = counter(0, ON_TAKEN);
        for (int i = 0; i < 1000; i++) {
            cpu.step();
        }
        assertTrue(counter(0, OFF_TAKEN) > 50);
        assertTrue(counter(0, ON_TAKEN) - onBefore <= 1);
        assertEquals(0, cpu.faults(), () -> cpu.faultSamples().toString());
        assertEquals(0, cpu.traps());
    }

    @Test
    void aTornDecodeIsCaughtAtTheSite() {
        long site = kernel.image().symbols.get("core.f") + 4; // static_branch_unlikely(&off): nopl 0x0(%rax,%rax,1)
        kernel.image().poke(site, (byte) Encodings.JMP32); // the first byte of "jmp" landed, the other four not yet
        Cpu cpu = steppedCpu();
        for (int i = 0; i < 10 && cpu.faults() == 0; i++) {
            cpu.step();
        }
        assertEquals(1, cpu.torn());
        String jump = Hex.bytes(Encodings.jump(5, site, kernel.image().symbols.get("core.off_true")));
        assertEquals(List.of("cpu0: torn decode at core.f+0x4: e9 1f 44 00 00 is neither 0f 1f 44 00 00 nor " + jump),
                cpu.faultSamples());
    }

    @Test
    void theInt3ProtocolNeverLetsACpuDecodeATornSite() throws Exception {
        Cpu first = kernel.startCpu("core.worker", 0);
        Cpu second = kernel.startCpu("core.worker", 64);
        long flips = 0;
        try {
            while (counter(0, ITERATIONS) + counter(64, ITERATIONS) < SITE_PASSES / 2) {
                flip(flips++);
            }
        } finally {
            kernel.stopCpus();
        }
        long passes = first.sitePasses() + second.sitePasses();
        long traps = first.traps() + second.traps();
        System.out.printf("INT3 protocol: %d flips, %d site passes, %d traps emulated, %d torn, %d faults%n", flips, passes,
                traps, first.torn() + second.torn(), first.faults() + second.faults());
        assertTrue(passes >= SITE_PASSES, "site passes: " + passes);
        assertEquals(0, first.torn() + second.torn());
        assertEquals(List.of(), first.faultSamples());
        assertEquals(List.of(), second.faultSamples());
        assertTrue(traps > 0, "no CPU ever hit a site mid-patch in " + flips + " flips");
        assertTrue(counter(0, OFF_TAKEN) + counter(64, OFF_TAKEN) > 0);
    }

    @Test
    void naiveByteByByteWritesTearAndTheCpusCatchIt() throws Exception {
        kernel.protocol(TextPoke.Protocol.NAIVE);
        Cpu first = kernel.startCpu("core.worker", 0);
        Cpu second = kernel.startCpu("core.worker", 64);
        long flips = 0;
        long deadline = System.nanoTime() + NAIVE_MILLIS * 1_000_000;
        try {
            while (first.torn() + second.torn() == 0 && System.nanoTime() < deadline) {
                flip(flips++);
            }
        } finally {
            kernel.stopCpus();
        }
        System.out.printf("naive writes: %d flips, %d torn decodes, first: %s%n", flips, first.torn() + second.torn(),
                first.torn() > 0 ? first.faultSamples().get(0) : second.faultSamples());
        assertTrue(first.torn() + second.torn() > 0, "no torn decode in " + flips + " naive flips");
    }

    /** Flips both keys in turn, alone and in batches. */
    private void flip(long n) {
        switch ((int) (n % 4)) {
            case 0 -> toggle("off");
            case 1 -> toggle("on");
            default -> kernel.keys().batch(() -> {
                toggle("off");
                toggle("on");
            });
        }
    }

    private void toggle(String key) {
        if (kernel.keys().enabled(key)) {
            kernel.keys().disable(key);
        } else {
            kernel.keys().enable(key);
        }
    }
}
