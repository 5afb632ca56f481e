package dev.statickeys.x86;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Writing instructions into text that CPUs may be executing, after {@code arch/x86/kernel/alternative.c}.
 *
 * <p>{@link Protocol#INT3} is {@code text_poke_bp_batch}: for a batch of sites sorted by address,
 * (1) write {@code int3} over the first byte of each, sync; (2) write each site's remaining bytes, sync;
 * (3) write each first byte, sync; (4) withdraw the batch and wait until no CPU is still in the trap
 * handler. A CPU that fetches {@code int3} at a site meanwhile traps, and the handler finds the site in
 * the batch by binary search and emulates its new instruction, so no CPU ever decodes a mix of old and
 * new bytes; after boot the kernel uses it for every jump-label write, a module's sites patched while it
 * loads included. {@link Protocol#EARLY} is {@code text_poke_early}, a plain copy, used only while the
 * kernel boots on one CPU ({@code SYSTEM_BOOTING}). {@link Protocol#NAIVE} writes each site byte by byte in place, with no trap
 * and no sync: what the protocol exists to avoid, kept so the tests can show that the simulation
 * catches the torn instructions it produces.
 */
public final class TextPoke {
    /** What {@link #emulate} returns for an {@code int3} that is not a site being patched. */
    static final long NOT_OURS = -1;
    /** The kernel's {@code TP_VEC_MAX}: a page of {@code struct text_poke_loc}. */
    public static final int BATCH_MAX = 256;

    public enum Protocol {
        EARLY, INT3, NAIVE
    }

    /** One instruction to write: its address, its new bytes, and the image it lives in. */
    record Poke(Image image, long address, byte[] bytes) {}

    private final Machine machine;
    /** The batch the trap handler emulates ({@code bp_desc}), sorted by address; null outside phases 1 to 3. */
    private volatile List<Poke> batch;
    /** CPUs inside the trap handler holding {@link #batch} ({@code bp_desc.refs}). */
    private final AtomicInteger handlerRefs = new AtomicInteger();
    private long batches;
    private long syncs;

    TextPoke(Machine machine) {
        this.machine = machine;
    }

    /** Writes {@code pokes} with {@code protocol}, in batches of at most {@link #BATCH_MAX}. */
    void apply(List<Poke> pokes, Protocol protocol) {
        List<Poke> sorted = new ArrayList<>(pokes);
        sorted.sort(Comparator.comparingLong(poke -> poke.address() ^ Long.MIN_VALUE));
        for (int from = 0; from < sorted.size(); from += BATCH_MAX) {
            List<Poke> part = sorted.subList(from, Math.min(sorted.size(), from + BATCH_MAX));
            switch (protocol) {
                case EARLY -> part.forEach(poke -> write(poke, 0, poke.bytes().length, false));
                case NAIVE -> part.forEach(poke -> write(poke, 0, poke.bytes().length, true));
                case INT3 -> int3Batch(List.copyOf(part));
            }
        }
    }

    private void int3Batch(List<Poke> pokes) {
        batches++;
        batch = pokes;
        for (Poke poke : pokes) {
            poke.image().poke(poke.address(), (byte) Encodings.INT3);
        }
        sync();
        for (Poke poke : pokes) {
            write(poke, 1, poke.bytes().length - 1, false);
        }
        sync();
        for (Poke poke : pokes) {
            poke.image().poke(poke.address(), poke.bytes()[0]);
        }
        sync();
        batch = null;
        while (handlerRefs.get() != 0) {
            Thread.yield();
        }
    }

    private void sync() {
        syncs++;
        machine.sync();
    }

    private static void write(Poke poke, int from, int length, boolean pauseBetweenBytes) {
        for (int i = from; i < from + length; i++) {
            poke.image().poke(poke.address() + i, poke.bytes()[i]);
            if (pauseBetweenBytes) {
                // Each store is visible on its own; let the CPUs run between them, as they would on
                // real hardware while the stores drain.
                Thread.yield();
            }
        }
    }

    /**
     * The {@code int3} handler ({@code poke_int3_handler}): if {@code address} is a site of the batch
     * being written, the address execution resumes at after emulating the site's new instruction (a
     * JMP goes to its target, a NOP continues after the site); {@link #NOT_OURS} if the trap is not ours.
     */
    long emulate(long address) {
        handlerRefs.incrementAndGet();
        try {
            List<Poke> current = batch;
            Poke poke = current == null ? null : find(current, address);
            if (poke == null) {
                return NOT_OURS;
            }
            Instruction instruction = Disassembler.decode(poke.bytes(), 0, address);
            return instruction.hasTarget() ? instruction.target : address + instruction.length;
        } finally {
            handlerRefs.decrementAndGet();
        }
    }

    /** Binary search of a batch sorted by address ({@code bsearch} in the kernel). */
    private static Poke find(List<Poke> pokes, long address) {
        int low = 0;
        int high = pokes.size() - 1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            int order = Long.compareUnsigned(pokes.get(middle).address(), address);
            if (order == 0) {
                return pokes.get(middle);
            }
            if (order < 0) {
                low = middle + 1;
            } else {
                high = middle - 1;
            }
        }
        return null;
    }

    /** INT3 batches written since boot. */
    public long batches() {
        return batches;
    }

    /** Syncs issued since boot. */
    public long syncs() {
        return syncs;
    }
}
