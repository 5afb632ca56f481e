package dev.statickeys.x86;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntSupplier;

/**
 * A linked image: one byte array mapped at {@link #base}, holding {@code .text}, {@code .data} with one
 * {@code struct static_key} of 16 bytes per key ({@code atomic_t enabled}, padding, then the union of
 * {@code unsigned long type} and {@code struct jump_entry *entries}, whose bit 0 says the key is initially
 * true and bit 1 that it points at a {@code struct static_key_mod} list), {@code .smp_locks} and
 * {@code __jump_table}, with the layouts of {@code include/linux/jump_label.h} and
 * {@code arch/x86/include/asm/jump_label.h}. Images come from {@link Linker} (the simulation's own objects,
 * text at {@link #base}) or from {@link ElfImage} (an executable linked by GNU ld, sections where ld put them).
 *
 * <p>The {@code enabled} field of each key registered with {@link #bindCount} is the count itself: every read
 * of the image ({@link #read}, {@link #bytes}) sees the count the core holds at that moment, -1 during a first
 * enable included, as the kernel's {@code .data} does.
 */
public final class Image {
    public static final int JUMP_ENTRY_SIZE = 16;
    public static final int KEY_SIZE = 16;
    /** {@code JUMP_TYPE_TRUE}: bit 0 of {@code key->type} and of a jump entry's key field (the branch bit there). */
    public static final long TYPE_TRUE = 1;
    /** {@code JUMP_TYPE_LINKED} in {@code key->type}; in a jump entry's key field, the init bit. */
    public static final long TYPE_LINKED = 2;
    private static final VarHandle BYTES = MethodHandles.arrayElementVarHandle(byte[].class);

    public final long base;
    final byte[] memory;
    public final long textStart;
    public final long textEnd;
    public final long locksStart;
    public final long locksEnd;
    public final long jumpTableStart;
    public final long jumpTableEnd;
    /** Text symbol addresses ({@code object.symbol} for the simulation's objects, the ELF name for ld's images). */
    public final Map<String, Long> symbols;
    /** Address of each key's {@code struct static_key}. */
    public final Map<String, Long> keys;
    /** The core's count of each key whose {@code enabled} field reads live, by struct address. */
    private final Map<Long, IntSupplier> counts = new ConcurrentHashMap<>();

    Image(long base, byte[] memory, long textEnd, long locksStart, long locksEnd, long jumpTableStart,
            long jumpTableEnd, Map<String, Long> symbols, Map<String, Long> keys) {
        this(base, memory, base, textEnd, locksStart, locksEnd, jumpTableStart, jumpTableEnd, symbols, keys);
    }

    Image(long base, byte[] memory, long textStart, long textEnd, long locksStart, long locksEnd, long jumpTableStart,
            long jumpTableEnd, Map<String, Long> symbols, Map<String, Long> keys) {
        this.base = base;
        this.memory = memory;
        this.textStart = textStart;
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
        return read(base, memory.length);
    }

    public byte read(long address) {
        return read(address, 1)[0];
    }

    /** {@code length} bytes from {@code address}, with the live {@code enabled} fields (see the class comment). */
    public byte[] read(long address, int length) {
        int at = index(address);
        byte[] bytes = Arrays.copyOfRange(memory, at, at + length);
        counts.forEach((key, count) -> {
            byte[] enabled = new byte[4];
            Encodings.putInt(enabled, 0, count.getAsInt());
            for (int i = 0; i < 4; i++) {
                long offset = key + i - address;
                if (offset >= 0 && offset < length) {
                    bytes[(int) offset] = enabled[i];
                }
            }
        });
        return bytes;
    }

    /**
     * Makes the {@code enabled} field of the key struct at {@code keyAddress} read {@code count}: the count
     * lives there, as in the kernel, and the core is its only writer.
     */
    void bindCount(long keyAddress, IntSupplier count) {
        index(keyAddress + KEY_SIZE - 1);
        counts.put(keyAddress, count);
    }

    /** Stops {@link #bindCount}'s binding: the field keeps the value it had (the key is gone). */
    void unbindCount(long keyAddress) {
        IntSupplier count = counts.remove(keyAddress);
        if (count != null) {
            writeInt(keyAddress, count.getAsInt());
        }
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
     * at the symbol itself), else the hex address: objdump's form.
     */
    public String symbolize(long address) {
        Map.Entry<String, Long> symbol = symbolAt(address);
        if (symbol == null) {
            return Long.toHexString(address);
        }
        long offset = address - symbol.getValue();
        return offset == 0 ? symbol.getKey() : symbol.getKey() + "+0x" + Long.toHexString(offset);
    }

    /**
     * The kernel's {@code %pS} form, {@code symbol+0xoff/0xsize} (offset 0 printed as {@code 0x0}): as
     * kallsyms does, a symbol's size runs to the next higher symbol, or to the end of the text for the last
     * one. The caller appends {@code " [module]"} for module text. The hex address when no symbol is at or
     * before {@code address}.
     */
    public String symbolizeWithSize(long address) {
        Map.Entry<String, Long> symbol = symbolAt(address);
        if (symbol == null) {
            return "0x" + Long.toHexString(address);
        }
        long end = textEnd;
        for (long other : symbols.values()) {
            if (Long.compareUnsigned(other, symbol.getValue()) > 0 && Long.compareUnsigned(other, end) < 0) {
                end = other;
            }
        }
        return symbol.getKey() + "+0x" + Long.toHexString(address - symbol.getValue()) + "/0x"
                + Long.toHexString(end - symbol.getValue());
    }

    /** The closest symbol at or before {@code address} (the first defined, of several at one address), or null. */
    private Map.Entry<String, Long> symbolAt(long address) {
        Map.Entry<String, Long> best = null;
        for (Map.Entry<String, Long> symbol : symbols.entrySet()) {
            long at = symbol.getValue();
            if (Long.compareUnsigned(at, address) <= 0
                    && (best == null || Long.compareUnsigned(at, best.getValue()) > 0)) {
                best = symbol;
            }
        }
        return best;
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

    /** The 32-bit word at {@code address}, as {@link #read} sees it (a key's {@code enabled} field reads live). */
    int readInt(long address) {
        return Encodings.getInt(read(address, 4), 0);
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
