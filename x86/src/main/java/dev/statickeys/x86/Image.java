package dev.statickeys.x86;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A linked image: one byte array mapped at {@link #base}, holding, in this order, {@code .text} (every
 * object's text), {@code .data} (one {@code struct static_key} of 16 bytes per key: {@code int enabled},
 * padding, {@code unsigned long type} whose bit 0 says the key is initially true), {@code .smp_locks}
 * and {@code __jump_table}, with the kernel's layouts (KERNEL.md, "Tables").
 */
public final class Image {
    public static final int JUMP_ENTRY_SIZE = 16;
    public static final int KEY_SIZE = 16;
    private static final VarHandle BYTES = MethodHandles.arrayElementVarHandle(byte[].class);

    public final long base;
    final byte[] memory;
    public final long textStart;
    public final long textEnd;
    public final long locksStart;
    public final long locksEnd;
    public final long jumpTableStart;
    public final long jumpTableEnd;
    /** Symbol addresses, {@code object.symbol}. */
    public final Map<String, Long> symbols;
    /** Address of each key's {@code struct static_key}. */
    public final Map<String, Long> keys;

    Image(long base, byte[] memory, long textEnd, long locksStart, long locksEnd, long jumpTableStart,
            long jumpTableEnd, Map<String, Long> symbols, Map<String, Long> keys) {
        this.base = base;
        this.memory = memory;
        this.textStart = base;
        this.textEnd = textEnd;
        this.locksStart = locksStart;
        this.locksEnd = locksEnd;
        this.jumpTableStart = jumpTableStart;
        this.jumpTableEnd = jumpTableEnd;
        this.symbols = Collections.unmodifiableMap(new LinkedHashMap<>(symbols));
        this.keys = Collections.unmodifiableMap(new LinkedHashMap<>(keys));
    }

    /** A jump table entry with its self-relative fields resolved. */
    public static final class JumpEntry {
        public final long entry;
        public final long code;
        public final long target;
        public final long key;
        public final boolean branch;
        public final boolean init;

        JumpEntry(long entry, long code, long target, long key, boolean branch, boolean init) {
            this.entry = entry;
            this.code = code;
            this.target = target;
            this.key = key;
            this.branch = branch;
            this.init = init;
        }
    }

    /** A copy of the whole image, as raw bytes (what {@code objdump -b binary} reads). */
    public byte[] bytes() {
        return memory.clone();
    }

    public byte read(long address) {
        return memory[index(address)];
    }

    public byte[] read(long address, int length) {
        int at = index(address);
        return java.util.Arrays.copyOfRange(memory, at, at + length);
    }

    /** A byte as an instruction fetch reads it: every read goes to memory (opaque), never a cached copy. */
    int fetch(long address) {
        return (byte) BYTES.getOpaque(memory, index(address)) & 0xFF;
    }

    /** A store into live text: each byte becomes visible to fetching CPUs on its own (release). */
    void poke(long address, byte value) {
        BYTES.setRelease(memory, index(address), value);
    }

    public boolean contains(long address) {
        return address - base >= 0 && address - base < memory.length;
    }

    public long end() {
        return base + memory.length;
    }

    /**
     * {@code object.symbol+0xoff} for the closest symbol at or before {@code address} ({@code object.symbol}
     * at the symbol itself), else the hex address.
     */
    public String symbolize(long address) {
        String best = null;
        long bestAddress = 0;
        for (Map.Entry<String, Long> symbol : symbols.entrySet()) {
            long at = symbol.getValue();
            if (at <= address && (best == null || at > bestAddress)) {
                best = symbol.getKey();
                bestAddress = at;
            }
        }
        if (best == null) {
            return Long.toHexString(address);
        }
        return address == bestAddress ? best : best + "+0x" + Long.toHexString(address - bestAddress);
    }

    void write(long address, byte value) {
        memory[index(address)] = value;
    }

    void writeInt(long address, int value) {
        Encodings.putInt(memory, index(address), value);
    }

    void writeLong(long address, long value) {
        writeInt(address, (int) value);
        writeInt(address + 4, (int) (value >> 32));
    }

    int readInt(long address) {
        return Encodings.getInt(memory, index(address));
    }

    long readLong(long address) {
        return (readInt(address) & 0xFFFFFFFFL) | (long) readInt(address + 4) << 32;
    }

    /** {@code .smp_locks}: the address each entry points at ({@code entry + *entry}; a zero entry points at itself). */
    public List<Long> lockSites() {
        List<Long> sites = new ArrayList<>();
        for (long entry = locksStart; entry < locksEnd; entry += 4) {
            sites.add(entry + readInt(entry));
        }
        return sites;
    }

    /** {@code __jump_table}, in table order. */
    public List<JumpEntry> jumpEntries() {
        List<JumpEntry> entries = new ArrayList<>();
        for (long entry = jumpTableStart; entry < jumpTableEnd; entry += JUMP_ENTRY_SIZE) {
            long code = entry + readInt(entry);
            long target = entry + 4 + readInt(entry + 4);
            long key = entry + 8 + readLong(entry + 8);
            entries.add(new JumpEntry(entry, code, target, key & ~3L, (key & 1) != 0, (key & 2) != 0));
        }
        return entries;
    }

    /** The name of the key whose {@code struct static_key} is at {@code address}, or null. */
    public String keyAt(long address) {
        for (Map.Entry<String, Long> key : keys.entrySet()) {
            if (key.getValue() == address) {
                return key.getKey();
            }
        }
        return null;
    }

    public boolean inText(long address) {
        return address >= textStart && address < textEnd;
    }

    private int index(long address) {
        long at = address - base;
        if (at < 0 || at >= memory.length) {
            throw new IndexOutOfBoundsException("address 0x" + Long.toHexString(address) + " is outside the image");
        }
        return (int) at;
    }
}
