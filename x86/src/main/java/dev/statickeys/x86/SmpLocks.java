package dev.statickeys.x86;

import java.util.ArrayList;
import java.util.List;

/**
 * The kernel's LOCK-prefix patching ({@code alternatives_smp_unlock/lock} in
 * {@code arch/x86/kernel/alternative.c}): on a uniprocessor every {@code .smp_locks} entry whose byte is
 * {@code F0} is rewritten, and when a second CPU comes online the rewritten bytes become {@code F0}
 * again. Entries that point outside the text, such as zero entries, are skipped.
 */
public final class SmpLocks {
    /** What replaces LOCK on a uniprocessor. */
    public enum UpByte {
        /**
         * {@code 3E}, a DS segment prefix: the kernel's choice. The locked instruction stays one
         * instruction (objdump: {@code ds incl ...}).
         */
        DS(Encodings.DS),
        /**
         * {@code 90}, NOP, as many descriptions say: the one instruction becomes two, a {@code nop} and
         * the unlocked instruction, so a CPU can be interrupted between them.
         */
        NOP(Encodings.NOP);

        final int value;

        UpByte(int value) {
            this.value = value;
        }
    }

    private SmpLocks() {}

    /**
     * Uniprocessor boot: every in-text entry holding {@code F0} becomes {@code replacement}.
     *
     * @return the addresses rewritten, the ones {@link #lock} will restore
     */
    public static List<Long> unlock(Image image, UpByte replacement) {
        return rewrite(image, Encodings.LOCK, replacement.value);
    }

    /** A second CPU online: every in-text entry holding {@code replacement} becomes {@code F0} again. */
    public static List<Long> lock(Image image, UpByte replacement) {
        return rewrite(image, replacement.value, Encodings.LOCK);
    }

    private static List<Long> rewrite(Image image, int from, int to) {
        List<Long> rewritten = new ArrayList<>();
        for (long site : image.lockSites()) {
            if (image.inText(site) && image.read(site) == (byte) from) {
                image.write(site, (byte) to);
                rewritten.add(site);
            }
        }
        return rewritten;
    }
}
