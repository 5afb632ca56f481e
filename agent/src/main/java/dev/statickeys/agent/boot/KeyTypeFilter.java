package dev.statickeys.agent.boot;

/**
 * Not API: {@link ApiMention}'s test of a class file: can it concern the agent?
 * A class holding a site calls {@code StaticKey.isEnabled()}, and a class defining a key calls
 * {@code StaticKey.defineFalse/defineTrue}; either call's {@code CONSTANT_Methodref} names the
 * {@code CONSTANT_Class} {@code dev/statickeys/StaticKey}, so its constant pool holds that exact
 * {@code CONSTANT_Utf8}. Classes without it are passed over unparsed.
 *
 * <p>Why walk the pool rather than search the file: a walk steps over entries and compares only the
 * {@code Utf8} entries of the name's length, where a search looks at every byte of the file, code and
 * attributes included. Over the 8,596 classes of the class-load corpus (33 MB) the walk took about 6 ms
 * and the plain search about 35 ms (issue 19; the corpus' load without an agent takes about 1,100 ms).
 * A pool the walk cannot read to its end (a truncated file, an unknown tag) falls back to searching the
 * whole file for the name, as the agent always did, so odd input is never passed over on the walk's
 * word alone (the JVM rejects such a file anyway). Stateless; safe from any thread; never throws.
 */
public final class KeyTypeFilter {
    /** Answers of {@link #poolNames}. */
    public static final int NO = 0;
    public static final int YES = 1;
    public static final int UNREADABLE = 2;

    private static final byte[] KEY_TYPE = ascii(ApiMention.STATIC_KEY);

    private KeyTypeFilter() {}

    /** Whether {@code classFile} may hold a site or a key definition: see the class comment. */
    static boolean mayConcern(byte[] classFile) {
        int answer = poolNames(classFile, KEY_TYPE);
        return answer == UNREADABLE ? contains(classFile, KEY_TYPE) : answer == YES;
    }

    /**
     * Whether the constant pool of {@code classFile} holds a {@code CONSTANT_Utf8} equal to {@code name}
     * (ASCII): {@link #YES}, {@link #NO}, or {@link #UNREADABLE} when the pool cannot be walked to its end.
     */
    public static int poolNames(byte[] classFile, byte[] name) {
        if (classFile.length < 10) {
            return UNREADABLE;
        }
        int count = unsignedShort(classFile, 8);
        int at = 10;
        int length = classFile.length;
        for (int index = 1; index < count; index++) {
            if (at >= length) {
                return UNREADABLE;
            }
            int size;
            switch (classFile[at]) {
                case 1: // Utf8: u2 length, bytes
                    if (at + 3 > length) {
                        return UNREADABLE;
                    }
                    int bytes = unsignedShort(classFile, at + 1);
                    if (bytes == name.length && at + 3 + bytes <= length && equalAt(classFile, at + 3, name)) {
                        return YES;
                    }
                    size = 3 + bytes;
                    break;
                case 7: case 8: case 16: case 19: case 20: // Class, String, MethodType, Module, Package
                    size = 3;
                    break;
                case 15: // MethodHandle
                    size = 4;
                    break;
                case 3: case 4: case 9: case 10: case 11: case 12: case 17: case 18: // 4-byte payloads
                    size = 5;
                    break;
                case 5: case 6: // Long, Double: two slots
                    size = 9;
                    index++;
                    break;
                default:
                    return UNREADABLE;
            }
            at += size;
        }
        return at <= length ? NO : UNREADABLE;
    }

    /**
     * The bytes of an ASCII string: its {@code CONSTANT_Utf8} form. Not {@code String.getBytes(charset)}: this
     * runs in every premain, and {@code StandardCharsets} brings up all of the JDK's standard charsets.
     */
    private static byte[] ascii(String text) {
        byte[] bytes = new byte[text.length()];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) text.charAt(i);
        }
        return bytes;
    }

    private static boolean equalAt(byte[] bytes, int from, byte[] name) {
        for (int i = 0; i < name.length; i++) {
            if (bytes[from + i] != name[i]) {
                return false;
            }
        }
        return true;
    }

    private static int unsignedShort(byte[] bytes, int at) {
        return ((bytes[at] & 0xFF) << 8) | (bytes[at + 1] & 0xFF);
    }

    /** Whether {@code bytes} contains {@code pattern} anywhere: the fallback for a pool the walk cannot read. */
    static boolean contains(byte[] bytes, byte[] pattern) {
        byte first = pattern[0];
        int last = bytes.length - pattern.length;
        outer:
        for (int i = 0; i <= last; i++) {
            if (bytes[i] != first) {
                continue;
            }
            for (int j = 1; j < pattern.length; j++) {
                if (bytes[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
