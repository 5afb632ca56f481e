package dev.statickeys.x86;

/** Bytes as the kernel's {@code %ph} prints them: lower-case hex pairs separated by spaces. */
public final class Hex {
    private Hex() {}

    public static String bytes(byte[] bytes) {
        return bytes(bytes, 0, bytes.length);
    }

    public static String bytes(byte[] bytes, int offset, int length) {
        StringBuilder text = new StringBuilder();
        for (int i = offset; i < offset + length; i++) {
            if (i > offset) {
                text.append(' ');
            }
            text.append(Character.forDigit(bytes[i] >> 4 & 15, 16)).append(Character.forDigit(bytes[i] & 15, 16));
        }
        return text.toString();
    }
}
