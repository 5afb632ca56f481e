package dev.statickeys.x86;

/**
 * What {@code kernel/jump_label.c} does to an image's {@code __jump_table} before using it
 * ({@code jump_label_init} at boot, {@code jump_label_add_module} at load): sort it, and rewrite each entry's
 * init bit. The linkers (ours and GNU ld) leave the table in link order.
 */
public final class JumpTable {
    private JumpTable() {}

    /**
     * {@code jump_label_sort_entries}: by key address, then code address. Entries are swapped in place, and
     * each swap moves the swapped entries' self-relative fields by the distance moved
     * ({@code jump_label_swap}), so every entry keeps pointing at its code, target and key.
     */
    public static void sort(Image image) {
        int count = count(image);
        for (int i = 1; i < count; i++) {
            for (int j = i; j > 0 && compare(image, entry(image, j - 1), entry(image, j)) > 0; j--) {
                swap(image, entry(image, j - 1), entry(image, j));
            }
        }
    }

    /**
     * {@code jump_entry_set_init} on every entry: bit 1 of the key field says whether the site is in init
     * text. The simulated images have none, so the bit is cleared; in a kernel built with objtool
     * ({@code HAVE_JUMP_LABEL_HACK}, the x86-64 default) every entry carries it until this runs.
     */
    public static void setInitBits(Image image) {
        for (int i = 0; i < count(image); i++) {
            long entry = entry(image, i);
            image.writeLong(entry + 8, image.readLong(entry + 8) & ~Image.TYPE_LINKED);
        }
    }

    private static int count(Image image) {
        return (int) ((image.jumpTableEnd - image.jumpTableStart) / Image.JUMP_ENTRY_SIZE);
    }

    private static long entry(Image image, int index) {
        return image.jumpTableStart + (long) index * Image.JUMP_ENTRY_SIZE;
    }

    private static int compare(Image image, long a, long b) {
        long keyA = (a + 8 + image.readLong(a + 8)) & ~3L;
        long keyB = (b + 8 + image.readLong(b + 8)) & ~3L;
        if (keyA != keyB) {
            return Long.compareUnsigned(keyA, keyB);
        }
        return Long.compareUnsigned(a + image.readInt(a), b + image.readInt(b));
    }

    /** Exchanges two entries, moving each relative field by the distance between them. */
    private static void swap(Image image, long a, long b) {
        long delta = a - b;
        int codeA = image.readInt(a);
        int targetA = image.readInt(a + 4);
        long keyA = image.readLong(a + 8);
        image.writeInt(a, (int) (image.readInt(b) - delta));
        image.writeInt(a + 4, (int) (image.readInt(b + 4) - delta));
        image.writeLong(a + 8, image.readLong(b + 8) - delta);
        image.writeInt(b, (int) (codeA + delta));
        image.writeInt(b + 4, (int) (targetA + delta));
        image.writeLong(b + 8, keyA + delta);
    }
}
