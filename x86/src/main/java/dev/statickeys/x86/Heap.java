package dev.statickeys.x86;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;

/**
 * The little of the kernel heap that jump labels use: {@code kmalloc-32} objects in the direct map, for the
 * {@code struct static_key_mod} nodes ({@code next}, {@code entries}, {@code mod}: three pointers) that link
 * a key to the entries of the modules using it, and a stand-in object per module for the {@code mod} field
 * (the simulation has no {@code struct module}). Freed objects are reused, newest first, as a slab would.
 * Accessed under the flip lock only.
 */
public final class Heap {
    /** Past the simulated data ({@link Machine#DATA_BASE}), in the direct map. */
    public static final long BASE = 0xffff888100000000L;
    public static final int OBJECT_SIZE = 32;
    private static final int OBJECTS = 4096;

    private final byte[] memory = new byte[OBJECT_SIZE * OBJECTS];
    private final Deque<Long> free = new ArrayDeque<>();
    private int used;

    /** A zeroed object ({@code kzalloc}). */
    long allocate() {
        long object;
        if (!free.isEmpty()) {
            object = free.pop();
        } else if (used < OBJECTS) {
            object = BASE + (long) used++ * OBJECT_SIZE;
        } else {
            throw new IllegalStateException("the simulated heap is full (" + OBJECTS + " objects of " + OBJECT_SIZE
                    + " bytes)");
        }
        int at = index(object, OBJECT_SIZE);
        Arrays.fill(memory, at, at + OBJECT_SIZE, (byte) 0);
        return object;
    }

    /** {@code kfree}. */
    void free(long object) {
        index(object, OBJECT_SIZE);
        free.push(object);
    }

    /** The 64-bit word at {@code address}. */
    public long readLong(long address) {
        int at = index(address, 8);
        return (Encodings.getInt(memory, at) & 0xFFFFFFFFL) | (long) Encodings.getInt(memory, at + 4) << 32;
    }

    void writeLong(long address, long value) {
        int at = index(address, 8);
        Encodings.putInt(memory, at, (int) value);
        Encodings.putInt(memory, at + 4, (int) (value >>> 32));
    }

    private int index(long address, int size) {
        long at = address - BASE;
        if (at < 0 || at > (long) used * OBJECT_SIZE - size) {
            throw new IndexOutOfBoundsException("address 0x" + Long.toHexString(address)
                    + " is not in an allocated heap object");
        }
        return (int) at;
    }
}
