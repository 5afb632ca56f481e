package dev.statickeys.x86;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.statickeys.internal.core.JumpType;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Jump labels on the simulated kernel, through the generic core: the truth table, verify-before-write
 * with the kernel's report, batches, refusals, deferred decrements and modules.
 */
class KernelTest {
    @TempDir
    Path temp;

    private final Kernel kernel = Kernel.boot(List.of(SmallKernel.core()), 2, SmpLocks.UpByte.DS);
    private final Image image = kernel.image();

    /** Whether the instruction at a site is a JMP to the entry's target (true) or the NOP of its size (false). */
    static boolean jumps(Image image, Image.JumpEntry entry) {
        Instruction instruction = Disassembler.decode(image.bytes(), (int) (entry.code - image.base), image.base);
        if (instruction.target == entry.target && (instruction.opcode == Encodings.JMP8
                || instruction.opcode == Encodings.JMP32)) {
            return true;
        }
        assertArrayEquals(Encodings.nop(instruction.length), image.read(entry.code, instruction.length),
                "a site holds either its JMP or its NOP");
        return false;
    }

    /** Every site in {@code image} of the kernel's keys holds what the truth table says for the current states. */
    private void assertSitesFollowTheTruthTable(Image in) {
        assertSitesFollowTheTruthTable(in, image);
    }

    /** As above, with key names resolved in {@code keysIn}. */
    private void assertSitesFollowTheTruthTable(Image in, Image keysIn) {
        for (Image.JumpEntry entry : in.jumpEntries()) {
            String key = keysIn.keyAt(entry.key);
            JumpType expected = JumpType.of(kernel.keys().enabled(key), entry.branch);
            assertEquals(expected == JumpType.JMP, jumps(in, entry), "site at " + in.symbolize(entry.code) + " of "
                    + key + (entry.branch ? " (likely)" : " (unlikely)"));
        }
    }

    private String nameOf(long keyAddress) {
        return image.keyAt(keyAddress);
    }

    private Image.JumpEntry site(String key, boolean branch, int size) {
        for (Image.JumpEntry entry : image.jumpEntries()) {
            if (nameOf(entry.key).equals(key) && entry.branch == branch
                    && Disassembler.decode(image.bytes(), (int) (entry.code - image.base), image.base).length == size) {
                return entry;
            }
        }
        throw new AssertionError("no " + size + "-byte site of " + key);
    }

    @Test
    void sitesFollowTheKernelsTruthTableThroughEveryFlip() {
        assertSitesFollowTheTruthTable(image);
        kernel.keys().enable("off");
        assertSitesFollowTheTruthTable(image);
        kernel.keys().disable("on");
        assertSitesFollowTheTruthTable(image);
        kernel.keys().increment("on");
        kernel.keys().increment("on");
        assertSitesFollowTheTruthTable(image);
        kernel.keys().decrement("on");
        assertSitesFollowTheTruthTable(image);
        kernel.keys().decrement("on");
        kernel.keys().disable("off");
        assertSitesFollowTheTruthTable(image);
        // Row by row: (enabled, branch) -> instruction.
        Image.JumpEntry unlikelyOff = site("off", false, 5);
        Image.JumpEntry likelyOff = site("off", true, 2);
        assertEquals(false, jumps(image, unlikelyOff), "enabled 0, branch 0: NOP");
        assertEquals(true, jumps(image, likelyOff), "enabled 0, branch 1: JMP");
        kernel.keys().enable("off");
        assertEquals(true, jumps(image, unlikelyOff), "enabled 1, branch 0: JMP");
        assertEquals(false, jumps(image, likelyOff), "enabled 1, branch 1: NOP");
    }

    @Test
    void aSiteNotHoldingTheNopItLeavesStopsTheUpdateWithTheKernelsReportAndNothingWritten() {
        Image.JumpEntry site = site("off", false, 5);
        image.write(site.code + 3, (byte) 0x01); // nopl 0x0(%rcx,%rax,1): still 5 bytes, but not the kernel's NOP
        byte[] corrupted = image.bytes();
        JumpLabelBug bug = assertThrows(JumpLabelBug.class, () -> kernel.keys().enable("off"));
        // The kernel's format: %pS (symbol+offset/size), [%p], five bytes each side, and its doubled "))".
        assertEquals("jump_label: Fatal kernel bug, unexpected op at core.f+0x4/0x11 [" + Long.toHexString(site.code)
                + "] (0f 1f 44 01 00 != 0f 1f 44 00 00)) size:5 type:1", bug.getMessage());
        assertEquals(site.code, bug.address());
        assertArrayEquals(corrupted, image.bytes(), "no site of the update was written");
        assertEquals(0, kernel.keys().count("off"));
        assertEquals(false, kernel.keys().core().keys().get("off").applied());
        // A site that no longer decodes as 2 or 5 bytes is refused too (the kernel decodes each site's length).
        image.write(site.code + 3, (byte) 0x00);
        image.write(site.code + 2, (byte) 0x45); // nopl 0x0(%rbp): 4 bytes
        assertEquals("kernel BUG in arch_jump_entry_size: the jump label site at core.f+0x4/0x11 ["
                + Long.toHexString(site.code) + "] (0f 1f 45 00 00) decodes as 4 bytes; a site is 2 or 5 bytes (type:1)",
                assertThrows(JumpLabelBug.class, () -> kernel.keys().enable("off")).getMessage());
        image.write(site.code + 2, (byte) 0x44);
        kernel.keys().enable("off");
        assertSitesFollowTheTruthTable(image);
    }

    @Test
    void aSiteNotHoldingTheJumpItLeavesIsReportedWithTheExpectedJump() {
        Image.JumpEntry site = site("on", false, 5); // unlikely(on): a JMP while on is enabled
        byte[] jump = image.read(site.code, 5);
        image.write(site.code + 1, (byte) (jump[1] + 1));
        JumpLabelBug bug = assertThrows(JumpLabelBug.class, () -> kernel.keys().disable("on"));
        jump[1]++;
        String found = Hex.bytes(jump);
        jump[1]--;
        assertEquals("jump_label: Fatal kernel bug, unexpected op at core.g+0x2/0x7 [" + Long.toHexString(site.code)
                + "] (" + found + " != " + Hex.bytes(jump) + ")) size:5 type:0", bug.getMessage());
        assertEquals(1, kernel.keys().count("on"));
    }

    @Test
    void aBatchOfKeysWritesOneInt3BatchPerKeyAsTheKernelDoes() {
        long before = kernel.machine().textPoke().batches();
        kernel.keys().batch(() -> {
            kernel.keys().enable("off");
            kernel.keys().disable("on");
            kernel.keys().increment("off"); // count 2: still one change for the key
        });
        assertEquals(before + 2, kernel.machine().textPoke().batches(), "__jump_label_update applies each key's entries");
        assertEquals(2, kernel.keys().count("off"));
        assertSitesFollowTheTruthTable(image);
    }

    @Test
    void oneBatchForEveryKeyIsOurExtension() {
        kernel.batching(Batching.ONE_BATCH);
        long before = kernel.machine().textPoke().batches();
        kernel.keys().batch(() -> {
            kernel.keys().enable("off");
            kernel.keys().disable("on");
        });
        assertEquals(before + 1, kernel.machine().textPoke().batches());
        assertSitesFollowTheTruthTable(image);
        kernel.batching(Batching.PER_KEY);
        kernel.keys().batch(() -> {
            kernel.keys().disable("off");
            kernel.keys().enable("on");
        });
        assertEquals(before + 3, kernel.machine().textPoke().batches());
        assertSitesFollowTheTruthTable(image);
    }

    @Test
    void aKeyUsedByAModuleIsPatchedOneBatchPerImageKernelFirst() {
        kernel.loadModule("m", List.of(SmallKernel.module("m")));
        long before = kernel.machine().textPoke().batches();
        kernel.keys().enable("off");
        assertEquals(before + 2, kernel.machine().textPoke().batches(), "the module's sites, then the kernel's");
    }

    @Test
    void aBatchRefusedByVerificationPutsEveryCountBack() {
        Image.JumpEntry site = site("off", true, 2);
        image.write(site.code + 1, (byte) 0x7F);
        byte[] corrupted = image.bytes();
        assertThrows(JumpLabelBug.class, () -> kernel.keys().batch(() -> {
            kernel.keys().disable("on");
            kernel.keys().enable("off");
        }));
        assertArrayEquals(corrupted, image.bytes());
        assertEquals(1, kernel.keys().count("on"));
        assertEquals(0, kernel.keys().count("off"));
    }

    @Test
    void refusedOperationsNameTheKeyAndChangeNothing() {
        byte[] before = image.bytes();
        assertEquals("cannot decrement static key \"off\": its count is already 0",
                assertThrows(IllegalStateException.class, () -> kernel.keys().decrement("off")).getMessage());
        kernel.keys().increment("on");
        assertEquals("cannot disable static key \"on\": its count is 2 (2 users hold it enabled); disable() only"
                + " takes the count from 1 to 0, each user must call decrement()",
                assertThrows(IllegalStateException.class, () -> kernel.keys().disable("on")).getMessage());
        assertEquals("no static key named \"of\"; known keys: [off, on]",
                assertThrows(IllegalArgumentException.class, () -> kernel.keys().enable("of")).getMessage());
        assertEquals(2, kernel.keys().count("on"));
        assertEquals(0, kernel.keys().count("off"));
        assertArrayEquals(text(before), text(image.bytes()), "no site changed");
        assertEquals(2, image.readInt(image.keys.get("on")), "the count in struct static_key.enabled");
    }

    @Test
    void aDeferredDecrementPatchesWhenItFallsDueAndAnIncrementMeanwhileCancelsIt() {
        kernel.keys().enable("off");
        kernel.keys().decrementDeferred("off", 100);
        assertEquals(1, kernel.keys().pending("off"));
        kernel.keys().advance(99);
        assertEquals(true, kernel.keys().enabled("off"));
        kernel.keys().advance(1);
        assertEquals(false, kernel.keys().enabled("off"));
        assertSitesFollowTheTruthTable(image);

        kernel.keys().enable("off");
        long batches = kernel.machine().textPoke().batches();
        kernel.keys().decrementDeferred("off", 100);
        kernel.keys().incrementDeferred("off"); // a user comes back within the delay: nothing is patched
        kernel.keys().advance(1000);
        assertEquals(true, kernel.keys().enabled("off"));
        assertEquals(batches, kernel.machine().textPoke().batches());
        assertEquals("cannot decrement deferred static key \"on\": its count is 1 with 1 decrement(s) pending",
                assertThrows(IllegalStateException.class, () -> {
                    kernel.keys().decrementDeferred("on", 5);
                    kernel.keys().decrementDeferred("on", 5);
                }).getMessage());
        kernel.keys().flushDeferred("on");
        assertEquals(false, kernel.keys().enabled("on"));
        assertSitesFollowTheTruthTable(image);
    }

    @Test
    void aModuleIsPatchedToTheCurrentStatesOnLoadAndDroppedOnUnload() {
        kernel.keys().enable("off");
        kernel.keys().disable("on");
        Image module = kernel.loadModule("m", List.of(SmallKernel.module("m")));
        assertEquals(Kernel.MODULES_BASE, module.base);
        for (Image.JumpEntry entry : module.jumpEntries()) {
            assertEquals(image.keys.get(nameOf(entry.key)), entry.key, "the module's sites use the kernel's keys");
        }
        assertSitesFollowTheTruthTable(module);
        kernel.keys().disable("off");
        assertSitesFollowTheTruthTable(module);

        kernel.unloadModule("m");
        byte[] unloaded = module.bytes();
        kernel.keys().enable("off");
        kernel.keys().enable("on");
        assertArrayEquals(unloaded, module.bytes(), "an unloaded module's sites are not touched");
        assertSitesFollowTheTruthTable(image);
        Image again = kernel.loadModule("m", List.of(SmallKernel.module("m")));
        assertSitesFollowTheTruthTable(again);
    }

    @Test
    void moduleErrorsNameTheModule() {
        kernel.loadModule("m", List.of(SmallKernel.module("m")));
        assertEquals("module m is already loaded", assertThrows(IllegalArgumentException.class,
                () -> kernel.loadModule("m", List.of(SmallKernel.module("m")))).getMessage());
        assertEquals("module k: object core defines key on, which the kernel already defines",
                assertThrows(IllegalArgumentException.class, () -> kernel.loadModule("k", List.of(SmallKernel.core())))
                        .getMessage());
        Assembler asm = new Assembler("stray");
        Assembler.Label out = asm.label("out");
        asm.staticBranch(new Assembler.KeyRef("nowhere", false), false, out, true).bind(out).ret();
        assertEquals("stray: a site at +0x0 uses key nowhere, which no object defines",
                assertThrows(IllegalArgumentException.class, () -> kernel.loadModule("s", List.of(asm.finish())))
                        .getMessage());
        assertEquals("no module x is loaded; loaded: [m]",
                assertThrows(IllegalArgumentException.class, () -> kernel.unloadModule("x")).getMessage());
        assertEquals(List.of("m"), List.copyOf(kernel.modules().keySet()));
    }

    @Test
    void aModuleDefiningKeysLendsThemToLaterModulesAndCannotBeUnloadedWhileTheyUseThem() {
        Assembler provider = new Assembler("provider");
        Assembler.KeyRef mine = provider.defineKey("mine", true);
        Assembler.Label out = provider.label("out");
        provider.bind(provider.label("entry")).staticBranch(mine, false, out, true).bind(out).ret();
        Image base = kernel.loadModule("base", List.of(provider.finish()));
        Assembler user = new Assembler("user");
        Assembler.Label back = user.label("back");
        user.staticBranch(new Assembler.KeyRef("mine", true), true, back, false).bind(back).ret();
        Image using = kernel.loadModule("user", List.of(user.finish()));
        assertEquals(base.keys.get("mine"), using.jumpEntries().get(0).key);
        kernel.keys().disable("mine");
        assertSitesFollowTheTruthTable(base, base);
        assertSitesFollowTheTruthTable(using, base);
        assertEquals("module base is in use: module user has sites of keys it defines",
                assertThrows(IllegalStateException.class, () -> kernel.unloadModule("base")).getMessage());
        Assembler again = new Assembler("again");
        again.defineKey("mine", false);
        assertEquals("module again: object again defines key mine, which module base already defines",
                assertThrows(IllegalArgumentException.class, () -> kernel.loadModule("again", List.of(again.finish())))
                        .getMessage());
        kernel.unloadModule("user");
        kernel.unloadModule("base");
        assertEquals("no static key named \"mine\"; known keys: [off, on]",
                assertThrows(IllegalArgumentException.class, () -> kernel.keys().enable("mine")).getMessage());
        Image reloaded = kernel.loadModule("base", List.of(again.finish()));
        assertEquals(false, kernel.keys().enabled("mine"), "a reloaded key starts at its new build-time value");
        assertSitesFollowTheTruthTable(reloaded, reloaded);
    }

    @Test
    void moreSitesThanOneBatchHoldsArePatchedInBatchesOf256() {
        Assembler asm = new Assembler("many");
        Assembler.KeyRef many = asm.defineKey("many", false);
        Assembler.Label out = asm.label("out");
        for (int i = 0; i < 300; i++) {
            asm.staticBranch(many, false, out, true);
        }
        asm.bind(out).ret();
        Kernel big = Kernel.boot(List.of(asm.finish()), 2, SmpLocks.UpByte.DS);
        big.keys().enable("many");
        assertEquals(2, big.machine().textPoke().batches(), "300 sites: a batch of 256 and one of 44");
        assertEquals(3 * 2, big.machine().textPoke().syncs());
        for (Image.JumpEntry entry : big.image().jumpEntries()) {
            assertEquals(true, jumps(big.image(), entry));
        }
    }

    @Test
    void aUniprocessorRunsOneCpu() throws Exception {
        Kernel up = Kernel.boot(List.of(SmallKernel.core()), 1, SmpLocks.UpByte.DS);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> up.startCpu("core.nowhere", 0)).getMessage()
                .startsWith("no symbol core.nowhere; symbols: [core.worker, "));
        assertEquals("data offset 65536; expected 0 to 65472",
                assertThrows(IllegalArgumentException.class, () -> up.startCpu("core.worker", 65536)).getMessage());
        up.startCpu("core.worker", 0);
        try {
            assertEquals("cpu1 is offline (1 online); call cpuUp() first",
                    assertThrows(IllegalStateException.class, () -> up.startCpu("core.worker", 64)).getMessage());
            assertEquals("no symbol core.nowhere in the kernel or a loaded module",
                    assertThrows(IllegalArgumentException.class, () -> up.call("core.nowhere")).getMessage());
            assertEquals("boot with 0 CPUs; expected at least 1", assertThrows(IllegalArgumentException.class,
                    () -> Kernel.boot(List.of(SmallKernel.core()), 0, SmpLocks.UpByte.DS)).getMessage());
        } finally {
            up.stopCpus();
        }
    }

    @Test
    void aModuleLoadedOnAUniprocessorIsUnlockedAndRelockedWithTheKernel() {
        Kernel up = Kernel.boot(List.of(SmallKernel.core()), 1, SmpLocks.UpByte.DS);
        Image module = up.loadModule("m", List.of(SmallKernel.module("m")));
        for (Image in : List.of(up.image(), module)) {
            for (long site : in.lockSites()) {
                assertEquals((byte) Encodings.DS, in.read(site), "UP: " + in.symbolize(site));
            }
        }
        up.cpuUp();
        for (Image in : List.of(up.image(), module)) {
            for (long site : in.lockSites()) {
                assertEquals((byte) Encodings.LOCK, in.read(site), "SMP: " + in.symbolize(site));
            }
        }
    }

    @Test
    void objdumpAgreesWithUsAfterFlipsInBothDirections() throws Exception {
        Objdump.require();
        byte[] boot = text(image);
        kernel.keys().batch(() -> {
            kernel.keys().enable("off");
            kernel.keys().disable("on");
        });
        byte[] flipped = text(image);
        int sites = 0;
        for (int i = 0; i < boot.length; i++) {
            sites += boot[i] != flipped[i] ? 1 : 0;
        }
        assertEquals(true, sites > 0);
        Objdump.assertAgrees(flipped, image.base, temp);
        kernel.keys().batch(() -> {
            kernel.keys().disable("off");
            kernel.keys().enable("on");
        });
        assertArrayEquals(boot, text(image), "flipping back restores the boot text byte for byte");
        Objdump.assertAgrees(text(image), image.base, temp);
    }

    private static byte[] text(Image in) {
        return Arrays.copyOf(in.bytes(), (int) (in.textEnd - in.base));
    }

    private byte[] text(byte[] bytes) {
        return Arrays.copyOf(bytes, (int) (image.textEnd - image.base));
    }

    /** The kernel's {@code struct static_key} of {@code key} in {@code in}: {@code enabled}, then {@code entries | type}. */
    private static long[] keyStruct(Image in, String key) {
        long address = in.keys.get(key);
        return new long[] {in.readInt(address), in.readLong(address + 8)};
    }

    /** The first entry of {@code key} in {@code in}'s (sorted) table. */
    private static long firstEntry(Image in, long key) {
        return in.jumpEntries().stream().filter(entry -> entry.key == key).findFirst().orElseThrow().entry;
    }

    @Test
    void eachStaticKeyStructHoldsItsCountAndItsEntriesAsTheKernelKeepsThem() {
        long on = image.keys.get("on");
        long off = image.keys.get("off");
        // After jump_label_init: enabled = the count, the union = first entry | JUMP_TYPE_TRUE for a true key.
        assertArrayEquals(new long[] {1, firstEntry(image, on) | 1}, keyStruct(image, "on"));
        assertArrayEquals(new long[] {0, firstEntry(image, off)}, keyStruct(image, "off"));
        kernel.keys().enable("off");
        kernel.keys().increment("off");
        kernel.keys().disable("on");
        assertArrayEquals(new long[] {2, firstEntry(image, off)}, keyStruct(image, "off"));
        assertArrayEquals(new long[] {0, firstEntry(image, on) | 1}, keyStruct(image, "on"));
        kernel.keys().decrement("off");
        kernel.keys().decrement("off");
        kernel.keys().enable("on");
        assertArrayEquals(new long[] {0, firstEntry(image, off)}, keyStruct(image, "off"));
        assertArrayEquals(new long[] {1, firstEntry(image, on) | 1}, keyStruct(image, "on"));
    }

    @Test
    void aKeyUsedByAModuleIsLinkedToAStaticKeyModListAndFoldedBackWhenItGoes() {
        long on = image.keys.get("on");
        Image module = kernel.loadModule("m", List.of(SmallKernel.module("m")));
        Heap heap = kernel.heap();
        long field = image.readLong(on + 8);
        assertEquals(Image.TYPE_LINKED | Image.TYPE_TRUE, field & 3, "linked, still initially true");
        long newest = field & ~3L;
        assertEquals(firstEntry(module, on), heap.readLong(newest + 8), "the module's node first: its entries");
        assertEquals(true, heap.readLong(newest + 16) != 0, "its mod");
        long kernelNode = heap.readLong(newest);
        assertEquals(firstEntry(image, on), heap.readLong(kernelNode + 8), "then the kernel's entries");
        assertEquals(0, heap.readLong(kernelNode + 16), "the kernel's mod is NULL");
        assertEquals(0, heap.readLong(kernelNode), "the end of the list");
        kernel.keys().disable("on");
        assertEquals(0, image.readInt(on));
        assertEquals(field, image.readLong(on + 8), "a flip leaves the list alone");

        kernel.unloadModule("m");
        assertArrayEquals(new long[] {0, firstEntry(image, on) | 1}, keyStruct(image, "on"), "folded back");
    }

    @Test
    void entriesWrittenByAnObjtoolBuildLoseBit1WhenTheKernelBootsOrLoadsThem() {
        Assembler asm = new Assembler("hack").objtoolBuild();
        Assembler.KeyRef key = asm.defineKey("hack", false);
        Assembler.Label out = asm.label("out");
        asm.bind(asm.label("entry")).staticBranch(key, false, out, true).staticBranch(key, true, out, false);
        asm.bind(out).ret();
        ObjectFile object = asm.finish();
        Image linked = Linker.link(List.of(object), Linker.KERNEL_BASE);
        for (Image.JumpEntry entry : linked.jumpEntries()) {
            assertEquals(true, entry.init, "as built: bit 1 set");
        }
        Kernel booted = Kernel.boot(linked, 2, SmpLocks.UpByte.DS, Kernel.MODULES_BASE);
        for (Image.JumpEntry entry : booted.image().jumpEntries()) {
            assertEquals(false, entry.init, "jump_entry_set_init: not init text");
        }
        Assembler user = new Assembler("user").objtoolBuild();
        Assembler.Label back = user.label("back");
        user.bind(user.label("entry")).staticBranch(new Assembler.KeyRef("hack", false), false, back, true).bind(back)
                .ret();
        Image module = booted.loadModule("user", List.of(user.finish()));
        assertEquals(false, module.jumpEntries().get(0).init);
        booted.keys().enable("hack");
        assertEquals(true, jumps(module, module.jumpEntries().get(0)));
    }

    @Test
    void modulesAreMappedAtTheKaslrModulesVaddrUnlessToldOtherwise() {
        assertEquals(0xffffffffc0000000L, kernel.loadModule("m", List.of(SmallKernel.module("m"))).base);
        Kernel noKaslr = Kernel.boot(Linker.link(List.of(SmallKernel.core()), Linker.KERNEL_BASE), 2,
                SmpLocks.UpByte.DS, Kernel.MODULES_BASE_NO_KASLR);
        assertEquals(0xffffffffa0000000L, noKaslr.loadModule("m", List.of(SmallKernel.module("m"))).base);
    }

    @Test
    void anEntryNamingAKeyNoImageDefinesIsRefusedNamingTheEntryAndTheAddress() {
        Image linked = Linker.link(List.of(SmallKernel.core()), Linker.KERNEL_BASE);
        long entry = linked.jumpTableStart;
        long bogus = linked.keys.get("on") + 0x40;
        linked.writeLong(entry + 8, bogus - (entry + 8));
        Image.JumpEntry first = linked.jumpEntries().get(0);
        assertEquals("__jump_table entry at 0x" + Long.toHexString(entry) + " (code " + linked.symbolize(first.code)
                + ") names a key at 0x" + Long.toHexString(bogus) + ", where no image defines a struct static_key;"
                + " known keys: [on, off]",
                assertThrows(IllegalArgumentException.class,
                        () -> Kernel.boot(linked, 2, SmpLocks.UpByte.DS, Kernel.MODULES_BASE)).getMessage());
    }

    @Test
    void aModuleLoadedAfterBootIsPatchedWithTheInt3BatchOneKeyAtATime() {
        kernel.keys().enable("off");
        kernel.keys().disable("on");
        long batches = kernel.machine().textPoke().batches();
        long syncs = kernel.machine().textPoke().syncs();
        Image module = kernel.loadModule("m", List.of(SmallKernel.module("m")));
        assertEquals(batches + 2, kernel.machine().textPoke().batches(), "one batch per key: off, then on");
        assertEquals(syncs + 6, kernel.machine().textPoke().syncs());
        assertSitesFollowTheTruthTable(module);
    }

    @Test
    void theReportPrintsFiveBytesForATwoByteSiteAndTheModuleInBrackets() {
        Image module = kernel.loadModule("m", List.of(SmallKernel.module("m")));
        Image.JumpEntry likelyOn = module.jumpEntries().stream()
                .filter(entry -> entry.branch && module.read(entry.code) == (byte) 0x66).findFirst().orElseThrow();
        module.write(likelyOn.code, (byte) 0xEB); // eb 90: a JMP, not the NOP the disable expects to leave
        String at = "entry+0x5/0x" + Long.toHexString(module.symbols.get("m.out") - module.symbols.get("m.entry")) + " [m] ["
                + Long.toHexString(likelyOn.code) + "]";
        assertEquals("jump_label: Fatal kernel bug, unexpected op at m." + at + " (" + Hex.bytes(module.read(likelyOn.code, 5))
                + " != 66 90 0f 1f 00)) size:2 type:1",
                assertThrows(JumpLabelBug.class, () -> kernel.keys().disable("on")).getMessage());
        module.write(likelyOn.code, (byte) 0x66);
        kernel.keys().disable("on");
        byte[] jump = module.read(likelyOn.code, 2);
        module.write(likelyOn.code + 1, (byte) (jump[1] + 1));
        assertEquals("jump_label: Fatal kernel bug, unexpected op at m." + at + " (" + Hex.bytes(module.read(likelyOn.code, 5))
                + " != eb " + Hex.bytes(new byte[] {jump[1]}) + " 00 00 00)) size:2 type:0",
                assertThrows(JumpLabelBug.class, () -> kernel.keys().enable("on")).getMessage());
    }
}
