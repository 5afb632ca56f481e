package dev.statickeys.x86;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Loads an x86-64 executable linked by GNU ld into an {@link Image}, the way the kernel finds its own
 * tables: by the symbols its linker script defines. The ELF64 section headers say what to map (every
 * {@code SHF_ALLOC} section at its address, {@code SHT_NOBITS} as zeros); the symbol table gives the
 * ranges ({@code _text}/{@code _etext}, {@code __smp_locks}/{@code __smp_locks_end},
 * {@code __start___jump_table}/{@code __stop___jump_table}), the functions (for {@code %pS} and listings) and
 * the keys: every object symbol that a {@code __jump_table} entry points at is a {@code struct static_key},
 * named after its symbol. The table is left as ld wrote it (link order, flag bits as built); booting the
 * image sorts and rewrites it ({@link JumpTable}).
 */
public final class ElfImage {
    private static final int SHT_SYMTAB = 2;
    private static final int SHT_NOBITS = 8;
    private static final long SHF_ALLOC = 2;
    private static final int STT_OBJECT = 1;
    private static final int STT_FUNC = 2;
    private static final int SYMBOL_SIZE = 24;

    /** One section header, as far as loading needs it. */
    private record Section(String name, int type, long flags, long address, long offset, long size, int link) {}

    /** One symbol: name, value, size and {@code STT_*} type. */
    private record Symbol(String name, long value, long size, int type) {}

    private final Path file;
    private final ByteBuffer elf;

    private ElfImage(Path file, byte[] bytes) {
        this.file = file;
        this.elf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * Reads {@code file}.
     *
     * @throws IllegalArgumentException naming the file and what is wrong: not ELF64 little-endian x86-64, no
     *         symbol table, a range symbol missing, or a table whose size is not a whole number of entries
     */
    public static Image load(Path file) throws IOException {
        return new ElfImage(file, Files.readAllBytes(file)).image();
    }

    private Image image() {
        checkHeader();
        List<Section> sections = sections();
        List<Symbol> symbols = symbols(sections);
        Map<String, Long> named = new LinkedHashMap<>();
        symbols.forEach(symbol -> named.putIfAbsent(symbol.name(), symbol.value()));
        long textStart = required(named, "_text");
        long textEnd = required(named, "_etext");
        long locksStart = required(named, "__smp_locks");
        long locksEnd = required(named, "__smp_locks_end");
        long jumpStart = required(named, "__start___jump_table");
        long jumpEnd = required(named, "__stop___jump_table");
        if ((locksEnd - locksStart) % 4 != 0 || (jumpEnd - jumpStart) % Image.JUMP_ENTRY_SIZE != 0) {
            throw bad(".smp_locks is " + (locksEnd - locksStart) + " bytes and __jump_table " + (jumpEnd - jumpStart)
                    + "; expected multiples of 4 and " + Image.JUMP_ENTRY_SIZE);
        }
        long base = 0;
        long end = 0;
        boolean any = false;
        for (Section section : sections) {
            if ((section.flags() & SHF_ALLOC) != 0 && section.size() > 0) {
                long sectionEnd = section.address() + section.size();
                base = !any || Long.compareUnsigned(section.address(), base) < 0 ? section.address() : base;
                end = !any || Long.compareUnsigned(sectionEnd, end) > 0 ? sectionEnd : end;
                any = true;
            }
        }
        if (!any) {
            throw bad("no allocated sections");
        }
        byte[] memory = new byte[Math.toIntExact(end - base)];
        for (Section section : sections) {
            if ((section.flags() & SHF_ALLOC) != 0 && section.type() != SHT_NOBITS) {
                elf.get(Math.toIntExact(section.offset()), memory, (int) (section.address() - base),
                        Math.toIntExact(section.size()));
            }
        }
        Map<String, Long> functions = new LinkedHashMap<>();
        for (Symbol symbol : symbols) {
            if (symbol.type() == STT_FUNC && Long.compareUnsigned(symbol.value() - textStart, textEnd - textStart) < 0) {
                functions.putIfAbsent(symbol.name(), symbol.value());
            }
        }
        Image unnamed = new Image(base, memory, textStart, textEnd, locksStart, locksEnd, jumpStart, jumpEnd, functions,
                Map.of());
        return new Image(base, memory, textStart, textEnd, locksStart, locksEnd, jumpStart, jumpEnd, functions,
                keys(unnamed, symbols));
    }

    /** The {@code struct static_key} objects the table points at, by symbol name, in table order. */
    private static Map<String, Long> keys(Image image, List<Symbol> symbols) {
        Map<String, Long> keys = new LinkedHashMap<>();
        for (Image.JumpEntry entry : image.jumpEntries()) {
            for (Symbol symbol : symbols) {
                if (symbol.type() == STT_OBJECT && symbol.value() == entry.key && symbol.size() >= Image.KEY_SIZE) {
                    keys.putIfAbsent(symbol.name(), symbol.value());
                }
            }
        }
        return keys;
    }

    private void checkHeader() {
        if (elf.limit() < 64 || elf.getInt(0) != 0x464c457f) {
            throw bad("not an ELF file");
        }
        if (elf.get(4) != 2 || elf.get(5) != 1 || elf.getShort(18) != 62) {
            throw bad("class " + elf.get(4) + ", data " + elf.get(5) + ", machine " + elf.getShort(18)
                    + "; expected ELF64 (2), little-endian (1), x86-64 (62)");
        }
    }

    private List<Section> sections() {
        long table = elf.getLong(40);
        int entrySize = elf.getShort(58) & 0xFFFF;
        int count = elf.getShort(60) & 0xFFFF;
        int names = elf.getShort(62) & 0xFFFF;
        List<Section> raw = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int at = Math.toIntExact(table + (long) i * entrySize);
            raw.add(new Section(Integer.toString(elf.getInt(at)), elf.getInt(at + 4), elf.getLong(at + 8),
                    elf.getLong(at + 16), elf.getLong(at + 24), elf.getLong(at + 32), elf.getInt(at + 40)));
        }
        List<Section> sections = new ArrayList<>();
        long namesOffset = raw.get(names).offset();
        for (Section section : raw) {
            String name = string(namesOffset + Integer.parseInt(section.name()));
            sections.add(new Section(name, section.type(), section.flags(), section.address(), section.offset(),
                    section.size(), section.link()));
        }
        return sections;
    }

    private List<Symbol> symbols(List<Section> sections) {
        Section table = null;
        for (Section section : sections) {
            table = section.type() == SHT_SYMTAB ? section : table;
        }
        if (table == null) {
            throw bad("no symbol table (.symtab); link without --strip-all");
        }
        long strings = sections.get(table.link()).offset();
        List<Symbol> symbols = new ArrayList<>();
        for (long at = table.offset(); at < table.offset() + table.size(); at += SYMBOL_SIZE) {
            int position = Math.toIntExact(at);
            String name = string(strings + elf.getInt(position));
            if (!name.isEmpty()) {
                symbols.add(new Symbol(name, elf.getLong(position + 8), elf.getLong(position + 16),
                        elf.get(position + 4) & 0xF));
            }
        }
        return symbols;
    }

    private String string(long offset) {
        int start = Math.toIntExact(offset);
        int end = start;
        while (elf.get(end) != 0) {
            end++;
        }
        byte[] bytes = new byte[end - start];
        elf.get(start, bytes);
        return new String(bytes, StandardCharsets.US_ASCII);
    }

    private long required(Map<String, Long> symbols, String name) {
        Long value = symbols.get(name);
        if (value == null) {
            throw bad("no symbol " + name + "; the linker script must define _text, _etext, __smp_locks,"
                    + " __smp_locks_end, __start___jump_table and __stop___jump_table");
        }
        return value;
    }

    private IllegalArgumentException bad(String what) {
        return new IllegalArgumentException(file + ": " + what);
    }
}
