package dev.statickeys.samples;

import dev.statickeys.x86.Assembler;
import dev.statickeys.x86.Assembler.KeyRef;
import dev.statickeys.x86.Assembler.Label;
import dev.statickeys.x86.Cpu;
import dev.statickeys.x86.Image;
import dev.statickeys.x86.Kernel;
import dev.statickeys.x86.Linker;
import dev.statickeys.x86.Listing;
import dev.statickeys.x86.Mem;
import dev.statickeys.x86.ObjectFile;
import dev.statickeys.x86.Reg;
import dev.statickeys.x86.SmpLocks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The x86 simulation end to end: assembles a small "kernel" and a module, boots it as a uniprocessor
 * (LOCK prefixes rewritten), brings a second CPU online (rewritten back), then flips keys while two
 * simulated CPUs run its code, printing {@code .smp_locks}, {@code __jump_table} and the disassembly
 * around each site before and after each step.
 *
 * <pre>
 * java -cp agent/target/statickeys-agent-0.1.0-SNAPSHOT.jar:samples/target/statickeys-samples-0.1.0-SNAPSHOT.jar \
 *      dev.statickeys.samples.KernelDemo [--up-byte=ds|nop] [--write-image=DIR]
 * </pre>
 * {@code --write-image} writes the raw image after each step; the demo prints the {@code objdump} command
 * that reads it.
 */
public final class KernelDemo {
    private static final long RUN_MILLIS = 200;

    private final SmpLocks.UpByte upByte;
    private final Path imageDirectory;
    private Kernel kernel;
    private int step;

    private KernelDemo(SmpLocks.UpByte upByte, Path imageDirectory) {
        this.upByte = upByte;
        this.imageDirectory = imageDirectory;
    }

    /**
     * {@code core}: keys {@code tracing} (false) and {@code fast_path} (true). {@code worker} loops over
     * {@code handle_packet}, which bumps shared statistics with LOCK_PREFIX instructions and has one site
     * of each key.
     */
    static ObjectFile core() {
        Assembler asm = new Assembler("core");
        KeyRef tracing = asm.defineKey("tracing", false);
        KeyRef fastPath = asm.defineKey("fast_path", true);
        Label loop = asm.label(null);
        Label handle = asm.label("handle_packet");
        Label trace = asm.label("trace");
        Label traced = asm.label(null);
        Label slow = asm.label("slow_path");
        Label out = asm.label(null);

        asm.bind(asm.label("worker"));
        asm.bind(loop).call(handle);
        asm.lockPrefix().inc(Mem.at(Reg.RDI), false);                 // packets handled by this CPU
        asm.jmp(loop, false);

        asm.bind(handle).push(Reg.RBP).mov(Reg.RSP, Reg.RBP, true);
        asm.lockPrefix().add(1, Mem.at(Reg.RSI, 0x100), false);      // shared counter: needs LOCK on SMP
        asm.staticBranch(tracing, false, trace, true);                // if (static_branch_unlikely(&tracing))
        asm.bind(traced);
        asm.staticBranch(fastPath, true, slow, false);                // if (static_branch_likely(&fast_path))
        asm.lockPrefix().inc(Mem.at(Reg.RDI, 8), false);              //     fast path
        asm.bind(out).pop(Reg.RBP).ret();
        asm.bind(trace).lockPrefix().inc(Mem.at(Reg.RDI, 12), false); // trace the packet
        asm.jmp(traced, false);
        asm.bind(slow).lockPrefix().inc(Mem.at(Reg.RDI, 16), false);  // slow path
        asm.jmp(out, false);
        return asm.finish();
    }

    /** {@code net}: a module with a site of the kernel's {@code tracing} key. */
    static ObjectFile net() {
        Assembler asm = new Assembler("net");
        Label trace = asm.label("trace_rx");
        asm.bind(asm.label("rx"));
        asm.staticBranch(new KeyRef("tracing", false), false, trace, true);
        asm.xor(Reg.RAX, Reg.RAX, false).ret();
        asm.bind(trace).lockPrefix().cmpxchg(Reg.RCX, Mem.at(Reg.RSI, 0x108), false).ret();
        return asm.finish();
    }

    public static void main(String[] args) throws Exception {
        int status = run(args);
        if (status != 0) {
            System.exit(status);
        }
    }

    /** Runs the demo; 0, or 2 after a message on stderr for an argument it does not know. */
    static int run(String[] args) throws Exception {
        SmpLocks.UpByte upByte = SmpLocks.UpByte.DS;
        Path directory = null;
        for (String arg : args) {
            if (arg.equals("--up-byte=ds")) {
                upByte = SmpLocks.UpByte.DS;
            } else if (arg.equals("--up-byte=nop")) {
                upByte = SmpLocks.UpByte.NOP;
            } else if (arg.startsWith("--write-image=") && arg.length() > "--write-image=".length()) {
                directory = Path.of(arg.substring("--write-image=".length()));
            } else {
                System.err.println("KernelDemo: unknown argument '" + arg + "'; expected --up-byte=ds, --up-byte=nop"
                        + " or --write-image=DIR");
                return 2;
            }
        }
        new KernelDemo(upByte, directory).run();
        return 0;
    }

    private void run() throws Exception {
        List<ObjectFile> objects = List.of(core());
        Image linked = Linker.link(objects, Linker.KERNEL_BASE);
        heading("link: core at " + Long.toHexString(linked.base) + ", as assembled");
        print(Listing.smpLocks(linked));
        print(Listing.around(linked, linked.lockSites().get(1), 1, 1));
        write(linked, "linked");

        kernel = Kernel.boot(objects, 1, upByte);
        Image image = kernel.image();
        long lockSite = image.lockSites().get(1);
        heading("boot with 1 CPU: every LOCK prefix becomes " + (upByte == SmpLocks.UpByte.DS ? "3e (ds)" : "90 (nop)"));
        print(Listing.smpLocks(image));
        print(Listing.around(image, lockSite, 1, 2));
        System.out.println(upByte == SmpLocks.UpByte.DS
                ? "   (3e keeps one instruction; with --up-byte=nop it would be a nop followed by a plain add)"
                : "   (90 splits the locked add into two instructions: a CPU can stop between them; 3e, the"
                        + " kernel's choice, keeps one)");
        write(image, "up");

        kernel.cpuUp();
        heading("second CPU online: every rewritten prefix is f0 again");
        print(Listing.smpLocks(image));
        print(Listing.around(image, lockSite, 1, 2));
        print(Listing.jumpTable(image, image.keys));
        write(image, "smp");

        List<Cpu> cpus = List.of(kernel.startCpu("core.worker", 0), kernel.startCpu("core.worker", 64));
        System.out.println("\ncpu0 and cpu1 run core.worker while the keys flip (INT3 protocol)");
        flip("static_key_enable(&tracing)", () -> kernel.keys().enable("tracing"));
        flip("batch: static_key_disable(&fast_path), static_key_slow_inc(&tracing)", () -> kernel.keys().batch(() -> {
            kernel.keys().disable("fast_path");
            kernel.keys().increment("tracing");
        }));

        Image module = kernel.loadModule("net", List.of(net()));
        heading("load module net at " + Long.toHexString(module.base) + " while tracing is on: its site is"
                + " patched before it can run");
        print(Listing.jumpTable(module, image.keys));
        print(Listing.around(module, module.symbols.get("net.rx"), 0, 2));

        flip("static_key_slow_dec(&tracing) twice, static_key_enable(&fast_path)", () -> {
            kernel.keys().decrement("tracing");
            kernel.keys().decrement("tracing");
            kernel.keys().enable("fast_path");
        });
        kernel.stopCpus();

        heading("CPUs stopped");
        for (Cpu cpu : cpus) {
            System.out.printf("cpu%d: %,d instructions, %,d site passes, %,d int3 traps emulated, %d torn decodes,"
                    + " %d faults%n", cpu.id, cpu.instructions(), cpu.sitePasses(), cpu.traps(), cpu.torn(), cpu.faults());
        }
        System.out.printf("INT3 batches: %d, syncs: %d%n", kernel.machine().textPoke().batches(),
                kernel.machine().textPoke().syncs());
        write(image, "final");
        if (imageDirectory != null) {
            System.out.println("\nraw images in " + imageDirectory + "; disassemble the text of one with:\n  objdump -D"
                    + " -b binary -m i386:x86-64 --adjust-vma=0x" + Long.toHexString(image.base) + " --stop-address=0x"
                    + Long.toHexString(image.textEnd) + " " + imageDirectory.resolve("kernel-" + step + "-final.bin"));
        }
    }

    /** Flips while the CPUs run, printing every site of the kernel image before and after. */
    private void flip(String what, Runnable flips) throws InterruptedException, IOException {
        Image image = kernel.image();
        heading(what);
        Thread.sleep(RUN_MILLIS);
        List<String> before = sites(image);
        flips.run();
        Thread.sleep(RUN_MILLIS);
        List<String> after = sites(image);
        for (int i = 0; i < before.size(); i++) {
            System.out.println("  before " + before.get(i).substring(2));
            System.out.println("  after  " + after.get(i).substring(2));
        }
        print(Listing.jumpTable(image, image.keys));
        write(image, "flip");
    }

    private static List<String> sites(Image image) {
        return image.jumpEntries().stream().map(entry -> Listing.around(image, entry.code, 0, 0).get(0)).toList();
    }

    private void write(Image image, String name) throws IOException {
        step++;
        if (imageDirectory != null) {
            Files.createDirectories(imageDirectory);
            Files.write(imageDirectory.resolve("kernel-" + step + "-" + name + ".bin"), image.bytes());
        }
    }

    private static void heading(String text) {
        System.out.println("\n== " + text);
    }

    private static void print(List<String> lines) {
        lines.forEach(System.out::println);
    }
}
