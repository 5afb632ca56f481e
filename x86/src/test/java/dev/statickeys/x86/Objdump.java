package dev.statickeys.x86;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GNU objdump on a raw image: {@code objdump -D -b binary -m i386:x86-64}. Tests that need it call
 * {@link #require()}, which skips them, with a message on stderr and in the test report, when it is
 * not installed ({@code .ci/run} installs binutils).
 */
final class Objdump {
    private static final Pattern LINE = Pattern.compile("^\\s*([0-9a-f]+):\\t([0-9a-f ]+?)\\s*\\t(.*)$");

    /** One line of objdump's listing. */
    static final class Line {
        final long address;
        final int length;
        final String text;

        Line(long address, int length, String text) {
            this.address = address;
            this.length = length;
            this.text = text;
        }
    }

    private Objdump() {}

    static String executable() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, "objdump");
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return null;
    }

    static void require() {
        if (executable() == null) {
            String message = "GNU objdump is not installed (apt-get install binutils; .ci/run does): the checks"
                    + " against it are SKIPPED";
            System.err.println("statickeys x86 tests: " + message);
            assumeTrue(false, message);
        }
    }

    /** Disassembles {@code image}, loaded at {@code base}. */
    static List<Line> disassemble(byte[] image, long base, Path temp) throws IOException, InterruptedException {
        Path file = Files.write(temp.resolve("image-" + System.nanoTime() + ".bin"), image);
        Process process = new ProcessBuilder(executable(), "-D", "-b", "binary", "-m", "i386:x86-64",
                "--insn-width=16", "--adjust-vma=0x" + Long.toHexString(base), file.toString())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("objdump failed: " + output);
        }
        List<Line> lines = new ArrayList<>();
        for (String line : output.split("\n")) {
            Matcher m = LINE.matcher(line);
            if (m.matches()) {
                int length = m.group(2).trim().split(" ").length;
                lines.add(new Line(Long.parseUnsignedLong(m.group(1), 16), length, m.group(3)));
            }
        }
        return lines;
    }

    /**
     * Asserts that objdump and our {@link Disassembler} read {@code code}, loaded at {@code base}, the
     * same way: the same instructions at the same addresses, with the same lengths, texts and targets.
     *
     * @return how many instructions were compared
     */
    static int assertAgrees(byte[] code, long base, Path temp) throws IOException, InterruptedException {
        List<Instruction> ours = Disassembler.decodeAll(code, 0, code.length, base);
        List<Line> theirs = disassemble(code, base, temp);
        assertEquals(theirs.size(), ours.size(), "instruction count");
        for (int i = 0; i < ours.size(); i++) {
            Instruction mine = ours.get(i);
            Line line = theirs.get(i);
            String where = "instruction " + i + " at " + Long.toHexString(line.address) + ": objdump says " + line.text
                    + ", we say " + mine.text;
            assertEquals(line.address, mine.address, where);
            assertEquals(line.length, mine.length, where);
            assertEquals(normalize(line.text), normalize(mine.text), where);
            if (mine.hasTarget()) {
                assertTrue(line.text.contains("0x" + Long.toHexString(mine.target)), where);
            }
        }
        return ours.size();
    }

    /** objdump's text, comparable with ours: whitespace runs collapsed, comments and symbols dropped. */
    static String normalize(String text) {
        int comment = text.indexOf('#');
        if (comment >= 0) {
            text = text.substring(0, comment);
        }
        text = text.replaceAll("<[^>]*>", "").replaceAll("\\s+", " ").trim();
        // Older binutils print the q suffix on these.
        return text.replaceFirst("^(call|jmp|ret|push|pop)q\\b", "$1");
    }
}
