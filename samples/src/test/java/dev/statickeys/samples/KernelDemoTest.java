package dev.statickeys.samples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.statickeys.x86.Linker;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The x86 demo runs through every step, its CPUs never tear, and it writes the images it promises. */
class KernelDemoTest {
    @TempDir
    Path temp;

    private static String capture(String[] args, int expectedStatus, boolean stderr) throws Exception {
        PrintStream saved = stderr ? System.err : System.out;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        PrintStream capture = new PrintStream(buffer, true, StandardCharsets.UTF_8);
        if (stderr) {
            System.setErr(capture);
        } else {
            System.setOut(capture);
        }
        try {
            assertEquals(expectedStatus, KernelDemo.run(args));
        } finally {
            if (stderr) {
                System.setErr(saved);
            } else {
                System.setOut(saved);
            }
        }
        return buffer.toString(StandardCharsets.UTF_8);
    }

    @Test
    void runsEveryStepAndWritesTheRawImages() throws Exception {
        Path images = temp.resolve("images");
        String out = capture(new String[] {"--write-image=" + images}, 0, false);
        for (String step : List.of("== boot with 1 CPU: every LOCK prefix becomes 3e (ds)",
                "== second CPU online: every rewritten prefix is f0 again", "== static_key_enable(&tracing)",
                "== load module net at ffffffffc0000000", "== CPUs stopped", "ds addl $0x1,0x100(%rsi)",
                "jmp    0xffffffff81000023 <core.trace>")) {
            assertTrue(out.contains(step), "missing: " + step + "\n" + out);
        }
        assertEquals(2, out.lines().filter(line -> line.matches("cpu\\d: .* 0 torn decodes, 0 faults")).count(), out);
        try (var files = Files.list(images)) {
            assertEquals(7, files.count());
        }
        byte[] linked = Files.readAllBytes(images.resolve("kernel-1-linked.bin"));
        byte[] finalImage = Files.readAllBytes(images.resolve("kernel-7-final.bin"));
        // The text only: after boot the keys' structs hold their counts and entries, as the kernel's do.
        int text = (int) (Linker.link(List.of(KernelDemo.core()), Linker.KERNEL_BASE).textEnd - Linker.KERNEL_BASE);
        assertArrayEquals(Arrays.copyOf(linked, text), Arrays.copyOf(finalImage, text),
                "every flip was undone and the prefixes relocked: the text is as linked");
    }

    @Test
    void theNopChoiceSplitsTheLockedInstruction() throws Exception {
        String out = capture(new String[] {"--up-byte=nop"}, 0, false);
        assertTrue(out.contains("\tnop\n") && out.contains("\taddl   $0x1,0x100(%rsi)"), out);
    }

    @Test
    void anUnknownArgumentIsNamed() throws Exception {
        assertEquals("KernelDemo: unknown argument '--up-byte=f0'; expected --up-byte=ds, --up-byte=nop or"
                + " --write-image=DIR", capture(new String[] {"--up-byte=f0"}, 2, true).strip());
    }
}
