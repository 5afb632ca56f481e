package dev.statickeys.x86;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The simulated machine: images mapped into one address space (the kernel and its modules), shared data
 * memory, the CPUs, and the one thing text patching needs from the hardware: a sync that makes every
 * running CPU serialize (the kernel's {@code text_poke_sync}, an IPI to every CPU, which each takes at
 * an instruction boundary, throwing away whatever instruction bytes it had fetched).
 */
public final class Machine {
    /** Shared data: the start of the kernel's direct map on x86-64 with 4-level paging. */
    public static final long DATA_BASE = 0xffff888000000000L;
    public static final int DATA_SIZE = 1 << 16;
    /** Per-CPU stacks, 16 KB each, in the vmalloc area. */
    static final long STACK_BASE = 0xffffc90000000000L;
    static final int STACK_SIZE = 1 << 14;
    /**
     * Data memory is held as 64-bit words: atomic access to a {@code long[]} element works on every JDK,
     * while JDK 25 refuses atomic access through a view of a {@code byte[]}.
     */
    private static final VarHandle WORDS = MethodHandles.arrayElementVarHandle(long[].class);

    /** A static branch site as the tear check sees it: the only two instructions it may hold. */
    record Site(long code, byte[] nop, byte[] jump) {
        boolean holds(byte[] fetched) {
            int size = nop.length;
            return Arrays.equals(fetched, 0, size, nop, 0, size) || Arrays.equals(fetched, 0, size, jump, 0, size);
        }
    }

    private final List<Image> images = new CopyOnWriteArrayList<>();
    private final long[] data = new long[DATA_SIZE / 8];
    private final List<Cpu> cpus = new CopyOnWriteArrayList<>();
    private final AtomicLong syncGeneration = new AtomicLong();
    private volatile Map<Long, Site> sites = Map.of();
    private final TextPoke textPoke = new TextPoke(this);

    public TextPoke textPoke() {
        return textPoke;
    }

    void map(Image image) {
        images.add(image);
    }

    void unmap(Image image) {
        images.remove(image);
    }

    /** The image mapped at {@code address}, or null. */
    Image imageAt(long address) {
        for (Image image : images) {
            if (image.contains(address)) {
                return image;
            }
        }
        return null;
    }

    /** {@code object.symbol+0xoff} in whichever image holds {@code address}. */
    public String symbolize(long address) {
        Image image = imageAt(address);
        return image == null ? Long.toHexString(address) : image.symbolize(address);
    }

    /** Replaces the set of static branch sites whose fetches are checked for tearing. */
    void watch(Map<Long, Site> watched) {
        sites = Map.copyOf(watched);
    }

    Site siteAt(long address) {
        return sites.get(address);
    }

    // ---- CPUs and sync ----

    void online(Cpu cpu) {
        cpus.add(cpu);
    }

    void offline(Cpu cpu) {
        cpus.remove(cpu);
    }

    List<Cpu> cpus() {
        return new ArrayList<>(cpus);
    }

    long syncGeneration() {
        return syncGeneration.get();
    }

    /**
     * Makes every running CPU serialize: returns once each has reached an instruction boundary after
     * this call began, so none still holds instruction bytes fetched before it.
     */
    public void sync() {
        long generation = syncGeneration.incrementAndGet();
        for (Cpu cpu : cpus) {
            while (cpu.running() && cpu.acknowledged() < generation) {
                Thread.yield();
            }
        }
    }

    // ---- data memory ----

    boolean isData(long address, int size) {
        return address - DATA_BASE >= 0 && address - DATA_BASE <= DATA_SIZE - size;
    }

    /** Reads {@code bits} (8, 16, 32, 64) at a naturally aligned data address, zero-extended. */
    long load(long address, int bits) {
        int word = wordIndex(address, bits);
        return field((long) WORDS.getVolatile(data, word), address, bits);
    }

    /** Writes {@code bits} at a naturally aligned data address; the store itself is atomic, as on x86. */
    void store(long address, int bits, long value) {
        int word = wordIndex(address, bits);
        long old;
        do {
            old = (long) WORDS.getVolatile(data, word);
        } while (!WORDS.compareAndSet(data, word, old, withField(old, address, bits, value)));
    }

    /** An atomic compare-and-swap of a naturally aligned data field: what a LOCK prefix buys. */
    boolean compareAndSet(long address, int bits, long expected, long value) {
        int word = wordIndex(address, bits);
        while (true) {
            long old = (long) WORDS.getVolatile(data, word);
            if (field(old, address, bits) != mask(expected, bits)) {
                return false;
            }
            if (WORDS.compareAndSet(data, word, old, withField(old, address, bits, value))) {
                return true;
            }
        }
    }

    private static long field(long word, long address, int bits) {
        return mask(word >>> shift(address), bits);
    }

    private static long withField(long word, long address, int bits, long value) {
        int shift = shift(address);
        long fieldMask = bits == 64 ? -1L : ((1L << bits) - 1) << shift;
        return word & ~fieldMask | mask(value, bits) << shift & fieldMask;
    }

    /** Little-endian: the byte at the lowest address is the word's lowest byte. */
    private static int shift(long address) {
        return (int) (address & 7) * 8;
    }

    /** The low {@code bits} of {@code value}: what a register or memory field of that width holds. */
    static long mask(long value, int bits) {
        return bits == 64 ? value : value & (1L << bits) - 1;
    }

    private int wordIndex(long address, int bits) {
        int size = bits / 8;
        if (!isData(address, size)) {
            throw new CpuFault("page fault: no data mapped at 0x" + Long.toHexString(address));
        }
        if ((address & (size - 1)) != 0) {
            throw new CpuFault("unaligned " + bits + "-bit access at 0x" + Long.toHexString(address)
                    + " (the simulation supports naturally aligned data only)");
        }
        return (int) ((address - DATA_BASE) >>> 3);
    }

    /** What a simulated CPU cannot execute: the simulation's oops. */
    static final class CpuFault extends RuntimeException {
        CpuFault(String message) {
            super(message);
        }
    }
}
