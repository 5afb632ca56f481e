package dev.statickeys.processor;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** The bytecode offsets of a {@code StackMapTable}'s frames (JVMS 4.7.4). */
final class StackMapOffsets {
    private StackMapOffsets() {}

    /** Reads {@code entries} frames from {@code in}, positioned after the entry count. */
    static List<Integer> of(ByteBuffer in, int entries) {
        List<Integer> offsets = new ArrayList<>(entries);
        int offset = -1;
        for (int i = 0; i < entries; i++) {
            int type = in.get() & 0xFF;
            int delta;
            if (type < 64) {
                delta = type;
            } else if (type < 128) {
                delta = type - 64;
                skipType(in);
            } else if (type < 247) {
                throw new IllegalArgumentException("reserved stack map frame type " + type);
            } else {
                delta = in.getShort() & 0xFFFF;
                if (type == 247) {
                    skipType(in);
                } else if (type >= 252 && type <= 254) {
                    for (int local = 0; local < type - 251; local++) {
                        skipType(in);
                    }
                } else if (type == 255) {
                    for (int part = 0; part < 2; part++) {
                        int count = in.getShort() & 0xFFFF;
                        for (int item = 0; item < count; item++) {
                            skipType(in);
                        }
                    }
                }
            }
            offset += delta + 1;
            offsets.add(offset);
        }
        return offsets;
    }

    private static void skipType(ByteBuffer in) {
        int tag = in.get() & 0xFF;
        if (tag == 7 || tag == 8) {
            in.getShort();
        }
    }
}
