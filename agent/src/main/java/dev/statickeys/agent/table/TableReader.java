package dev.statickeys.agent.table;

import dev.statickeys.internal.core.KeyRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a site table ({@code META-INF/statickeys/sites}, format 1, as written by the statickeys
 * annotation processor; the format is in the README). Every record is checked, field by field, before
 * anything is used: a table that is not exactly a format-1 table is rejected as a whole, with the line
 * and what was expected. Several tables concatenated into one resource (for example by a shading tool)
 * are read one after the other.
 */
public final class TableReader {
    public static final String RESOURCE = "META-INF/statickeys/sites";
    public static final String MAGIC = "statickeys-sites";
    public static final int VERSION = 1;
    /** Larger resources are rejected unread: a table of 100 000 sites takes about 15 MB. */
    public static final int MAX_BYTES = 32 << 20;

    private static final String SITE_FIELDS =
            "site, class, method, descriptor, line, key class, key field, key name, shape";
    private static final String KEY_FIELDS = "key, class, field, name, default, description, owner";

    private final String source;
    private final Map<String, RecordedClass> classes = new LinkedHashMap<>();
    private final Map<String, Integer> classLines = new HashMap<>();
    private final Map<Field, String> keyNames = new HashMap<>();
    private final List<NamedSite> namedSites = new ArrayList<>();
    private final List<Orphan> orphans = new ArrayList<>();
    /** Decodes the lines that are not ASCII; made at the first one. */
    private CharsetDecoder utf8;

    /** A key field, by class (binary name) and field name. */
    private record Field(String className, String name) {
        @Override
        public String toString() {
            return className + "." + name;
        }

        // Written out: a record's own equals and hashCode are bootstrapped through invokedynamic at first
        // use, which costs the first class with sites about 40 classes (issue 19's start-up profile).
        @Override
        public boolean equals(Object other) {
            return other instanceof Field && ((Field) other).className.equals(className)
                    && ((Field) other).name.equals(name);
        }

        @Override
        public int hashCode() {
            return 31 * className.hashCode() + name.hashCode();
        }
    }

    /** A site that names its key, on table line {@code line}: checked against the key records at the end. */
    private record NamedSite(int line, RecordedSite site) {}

    /** A key or site record on table line {@code line} whose class has no class record (yet). */
    private record Orphan(int line, String className, String kind) {}

    private TableReader(String source) {
        this.source = source;
    }

    /** Reads a table of at most {@link #MAX_BYTES} bytes from {@code in}. */
    public static List<RecordedClass> read(String source, InputStream in) throws TableException, IOException {
        return read(source, in.readNBytes(MAX_BYTES + 1));
    }

    /**
     * Parses {@code bytes} as a site table.
     *
     * @param source where the table comes from, for messages
     * @return the classes it records, in table order
     * @throws TableException naming {@code source}, the line and what was expected
     */
    public static List<RecordedClass> read(String source, byte[] bytes) throws TableException {
        if (bytes.length > MAX_BYTES) {
            throw new TableException(source, 0, "larger than " + MAX_BYTES + " bytes; expected a site table");
        }
        TableReader reader = new TableReader(source);
        reader.parse(bytes);
        return List.copyOf(reader.classes.values());
    }

    private void parse(byte[] bytes) throws TableException {
        if (bytes.length == 0) {
            throw error(0, "empty; expected the header line \"" + MAGIC + "<TAB>" + VERSION + "\"");
        }
        int lineNumber = 0;
        int start = 0;
        while (start < bytes.length) {
            lineNumber++;
            int end = indexOf(bytes, (byte) '\n', start);
            if (end < 0) {
                throw error(lineNumber, "truncated: the last line does not end with a newline");
            }
            String line = decode(bytes, start, end, lineNumber);
            if (line.startsWith(MAGIC)) {
                header(line, lineNumber);
            } else if (lineNumber == 1) {
                throw error(1, "not a site table: expected the header line \"" + MAGIC + "<TAB>" + VERSION
                        + "\", found \"" + shorten(line) + "\"");
            } else {
                record(line.split("\t", -1), lineNumber);
            }
            start = end + 1;
        }
        checkReferences();
    }

    private void header(String line, int lineNumber) throws TableException {
        String[] fields = line.split("\t", -1);
        if (fields.length != 2 || !fields[0].equals(MAGIC) || !digits(fields[1], 9)) {
            throw error(lineNumber, "malformed header \"" + shorten(line) + "\"; expected \"" + MAGIC + "<TAB>"
                    + VERSION + "\"");
        }
        int version = Integer.parseInt(fields[1]);
        if (version != VERSION) {
            throw error(lineNumber, "format version " + version + "; this agent reads version " + VERSION
                    + (version > VERSION ? " (the table was written by a newer statickeys processor)" : ""));
        }
    }

    private void record(String[] fields, int line) throws TableException {
        switch (fields[0]) {
            case "class":
                expectFields(fields, 2, "class, class name", line);
                String name = className(fields[1], "class name", line);
                if (classLines.containsKey(name)) {
                    throw error(line, "class " + name + " is listed twice (first on line " + classLines.get(name)
                            + ")");
                }
                classes.putIfAbsent(name, new RecordedClass(name));
                classLines.put(name, line);
                break;
            case "key":
                key(fields, line);
                break;
            case "site":
                site(fields, line);
                break;
            default:
                throw error(line, "unknown record \"" + shorten(fields[0]) + "\"; expected class, key or site");
        }
    }

    private void key(String[] fields, int line) throws TableException {
        expectFields(fields, 7, KEY_FIELDS, line);
        String className = className(fields[1], "class name", line);
        String field = memberName(fields[2], "field name", line);
        String name = keyName(fields[3], line);
        boolean initialValue = bool(fields[4], line);
        RecordedKey key = new RecordedKey(className, field, name, initialValue, unescape(fields[5], line),
                unescape(fields[6], line));
        if (keyNames.putIfAbsent(new Field(className, field), name) != null) {
            throw error(line, "key field " + className + "." + field + " is listed twice");
        }
        owner(className, line, "key").keys.add(key);
    }

    private void site(String[] fields, int line) throws TableException {
        expectFields(fields, 9, SITE_FIELDS, line);
        String className = className(fields[1], "class name", line);
        String method = methodName(fields[2], line);
        String descriptor = fields[3];
        if (!Descriptors.isMethodDescriptor(descriptor)) {
            throw error(line, "\"" + shorten(descriptor) + "\" is not a method descriptor; expected one like (I)V");
        }
        int sourceLine = sourceLine(fields[4], line);
        String keyClass = className(fields[5], "key class", line);
        String keyField = memberName(fields[6], "key field", line);
        String keyName = fields[7].equals("-") ? null : keyName(fields[7], line);
        String shape = fields[8];
        if (!shape.equals("ifeq") && !shape.equals("ifne") && !shape.equals("value")) {
            throw error(line, "site shape \"" + shorten(shape) + "\"; expected ifeq, ifne or value");
        }
        RecordedSite site = new RecordedSite(className, method, descriptor, sourceLine, keyClass, keyField, keyName,
                shape);
        if (keyName != null) {
            namedSites.add(new NamedSite(line, site));
        }
        owner(className, line, "site").sites.add(site);
    }

    /** The class a key or site belongs to; checked once the whole table is read (a class line may follow). */
    private RecordedClass owner(String className, int line, String kind) {
        RecordedClass owner = classes.get(className);
        if (owner == null) {
            owner = new RecordedClass(className);
            classes.put(className, owner);
            orphans.add(new Orphan(line, className, kind));
        }
        return owner;
    }

    private void checkReferences() throws TableException {
        for (Orphan orphan : orphans) {
            if (!classLines.containsKey(orphan.className())) {
                throw error(orphan.line(), "a " + orphan.kind() + " record of class " + orphan.className()
                        + ", which has no class record; expected \"class<TAB>" + orphan.className()
                        + "\" in the same table");
            }
        }
        for (NamedSite named : namedSites) {
            RecordedSite site = named.site();
            Field field = new Field(site.keyClass(), site.keyField());
            String declared = keyNames.get(field);
            if (!site.keyName().equals(declared)) {
                throw error(named.line(), "the site names key \"" + site.keyName() + "\" of " + field
                        + (declared == null ? ", but the table has no key record for that field"
                                : ", but the table's key record for that field says \"" + declared + "\"")
                        + "; expected the key name from the table, or - for a key declared elsewhere");
            }
        }
    }

    private void expectFields(String[] fields, int count, String names, int line) throws TableException {
        if (fields.length != count) {
            throw error(line, "a " + fields[0] + " record with " + fields.length
                    + (fields.length == 1 ? " field" : " fields") + "; expected " + count + " tab-separated fields ("
                    + names + ")");
        }
    }

    private String className(String value, String what, int line) throws TableException {
        boolean ok = !value.isEmpty() && !value.startsWith(".") && !value.endsWith(".") && !value.contains("..");
        for (String part : value.split("\\.", -1)) {
            ok &= Descriptors.isUnqualifiedName(part);
        }
        if (!ok) {
            throw error(line, what + " \"" + shorten(value) + "\" is not a binary class name; expected one like"
                    + " com.example.Outer$Inner");
        }
        return value;
    }

    private String memberName(String value, String what, int line) throws TableException {
        if (!Descriptors.isUnqualifiedName(value) || value.indexOf('<') >= 0 || value.indexOf('>') >= 0) {
            throw error(line, what + " \"" + shorten(value) + "\" is not a valid field name");
        }
        return value;
    }

    private String methodName(String value, int line) throws TableException {
        boolean special = value.equals("<init>") || value.equals("<clinit>");
        if (!special && (!Descriptors.isUnqualifiedName(value) || value.indexOf('<') >= 0 || value.indexOf('>') >= 0)) {
            throw error(line, "method name \"" + shorten(value) + "\" is not a valid method name");
        }
        return value;
    }

    private String keyName(String value, int line) throws TableException {
        if (!KeyRegistry.isValidName(value)) {
            throw error(line, "key name \"" + shorten(value) + "\" is not valid; expected " + KeyRegistry.NAME_RULE);
        }
        return value;
    }

    private boolean bool(String value, int line) throws TableException {
        if (value.equals("true") || value.equals("false")) {
            return value.equals("true");
        }
        throw error(line, "key default \"" + shorten(value) + "\"; expected true or false");
    }

    private int sourceLine(String value, int line) throws TableException {
        if (value.equals("-1")) {
            return -1;
        }
        if (digits(value, 5) && Integer.parseInt(value) <= 0xFFFF) {
            return Integer.parseInt(value);
        }
        throw error(line, "source line \"" + shorten(value) + "\"; expected -1 or a number from 0 to 65535");
    }

    private String unescape(String value, int line) throws TableException {
        if (value.indexOf('\\') < 0) {
            return value;
        }
        StringBuilder text = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c != '\\') {
                text.append(c);
                continue;
            }
            char next = i + 1 < value.length() ? value.charAt(++i) : '\0';
            switch (next) {
                case '\\': text.append('\\'); break;
                case 't': text.append('\t'); break;
                case 'r': text.append('\r'); break;
                case 'n': text.append('\n'); break;
                default:
                    throw error(line, "bad escape in \"" + shorten(value) + "\"; expected \\\\, \\t, \\r or \\n");
            }
        }
        return text.toString();
    }

    /**
     * Line {@code line}, the bytes from {@code start} to {@code end} (its newline excluded), as text. A line of
     * ASCII, as the processor writes every line whose names and descriptions are ASCII, is copied as it is;
     * any other line goes through a strict UTF-8 decoder, one per table. A decoder made for every line cost
     * about 10 of the 30 ms the first table of 820 lines a JVM reads took, its code not yet compiled (issue 19).
     */
    private String decode(byte[] bytes, int start, int end, int line) throws TableException {
        if (isAscii(bytes, start, end)) {
            return new String(bytes, start, end - start, StandardCharsets.ISO_8859_1);
        }
        if (utf8 == null) {
            utf8 = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
        }
        try {
            return utf8.decode(ByteBuffer.wrap(bytes, start, end - start)).toString(); // resets the decoder first
        } catch (CharacterCodingException e) {
            throw error(line, "not valid UTF-8 (" + e.getMessage() + "); expected a table written by the statickeys"
                    + " processor");
        }
    }

    private static boolean isAscii(byte[] bytes, int start, int end) {
        for (int i = start; i < end; i++) {
            if (bytes[i] < 0) {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(byte[] bytes, byte value, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == value) {
                return i;
            }
        }
        return -1;
    }

    private TableException error(int line, String problem) {
        return new TableException(source, line, problem);
    }

    /** At most 80 characters of {@code value}, with control characters shown as escapes. */
    static String shorten(String value) {
        String shown = value.length() > 80 ? value.substring(0, 80) + "..." : value;
        StringBuilder out = new StringBuilder();
        for (char c : shown.toCharArray()) {
            out.append(c >= 0x20 && c != 0x7f ? String.valueOf(c) : String.format("\\u%04x", (int) c));
        }
        return out.toString();
    }

    /**
     * Whether {@code value} is 1 to {@code most} ASCII digits. Not a regular expression: tables are read when
     * the first class with sites loads, and {@code String.matches} would bring up java.util.regex then (about
     * 20 classes, issue 19).
     */
    private static boolean digits(String value, int most) {
        if (value.isEmpty() || value.length() > most) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) < '0' || value.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }
}
