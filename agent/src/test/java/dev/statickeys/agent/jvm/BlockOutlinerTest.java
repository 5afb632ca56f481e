package dev.statickeys.agent.jvm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.statickeys.StaticKey;
import dev.statickeys.siterule.KeyField;
import dev.statickeys.testing.Bytecode;
import dev.statickeys.testing.FreshLoader;
import dev.statickeys.testing.SiteCorpus;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * Large guarded blocks moved out of line: which move, which stay, and that every output of a class has the
 * same members. Each patched copy is loaded in a fresh loader, so the JVM verifies what the move wrote.
 */
class BlockOutlinerTest {
    private static final String BLOCKS = Blocks.class.getName();
    private static final String OWNER = BLOCKS.replace('.', '/');
    private static final ClassLoader LOADER = BlockOutlinerTest.class.getClassLoader();

    /** One shape per method; {@code n} keeps javac from folding. */
    static final class Blocks {
        static final StaticKey K = StaticKey.defineFalse("block-outliner-test.k");
        static final StaticKey J = StaticKey.defineTrue("block-outliner-test.j");

        static int n(int v) {
            return v;
        }

        /** Moves: r is written inside and read after, the new method returns it. */
        static int large(int x) {
            int r = x * 31;
            if (K.isEnabled()) {
                r = (r ^ (x + 0x1234)) * 0x5bd1e995;
                r = (r ^ (x + 0x2345)) * 0x01000193;
                r = (r ^ (x + 0x3456)) * 0x6b43a9b5;
                r = (r ^ (x + 0x4567)) * 0x7feb352d;
                if (J.isEnabled()) {
                    r += n(7);
                }
            }
            return r;
        }

        /** Stays: two locals written inside are read after it. */
        static String twoResults(int x) {
            int r = x;
            int s = x + 1;
            if (K.isEnabled()) {
                r = (r ^ (x + 0x1234)) * 0x5bd1e995;
                s = (s ^ (x + 0x2345)) * 0x01000193;
                r = (r ^ (s + 0x3456)) * 0x6b43a9b5;
                s = (s ^ (r + 0x4567)) * 0x7feb352d;
            }
            return r + "/" + s;
        }

        /** Stays: the block breaks out of the loop around it. */
        static int breaks(int x) {
            int sum = 0;
            for (int i = 0; i < n(8); i++) {
                if (K.isEnabled()) {
                    sum = (sum ^ (x + i)) * 0x5bd1e995;
                    sum = (sum ^ (x + i)) * 0x01000193;
                    if (sum > n(10)) {
                        break;
                    }
                }
                sum++;
            }
            return sum;
        }

        /** Stays: too small to matter. */
        static int small(int x) {
            if (K.isEnabled()) {
                x += n(1);
            }
            return x;
        }
    }

    private static byte[] original() {
        return FreshLoader.classFile(LOADER, BLOCKS);
    }

    private static byte[] patch(Map<KeyField, FieldPatch> patches) {
        byte[] original = original();
        return ClassPatcher.patch(original, ClassScan.of(original), patches, null).bytes();
    }

    private static Map<KeyField, FieldPatch> inline(boolean k, boolean j) {
        Map<KeyField, FieldPatch> patches = new LinkedHashMap<>();
        patches.put(new KeyField(OWNER, "K"), FieldPatch.inline("block-outliner-test.k", k));
        patches.put(new KeyField(OWNER, "J"), FieldPatch.inline("block-outliner-test.j", j));
        return patches;
    }

    private static ClassNode read(byte[] bytes) {
        ClassNode node = new ClassNode();
        new ClassReader(bytes).accept(node, 0);
        return node;
    }

    private static MethodNode method(ClassNode type, String name) {
        return type.methods.stream().filter(m -> m.name.equals(name)).findFirst().orElseThrow();
    }

    @Test
    void aLargeBlockMovesToAPrivateStaticSyntheticMethodAndACallTakesItsPlace() {
        ClassNode patched = read(patch(inline(false, true)));
        List<String> added = added(patched);
        assertEquals(List.of("statickeys$large$0(II)I"), added);
        MethodNode outlined = method(patched, "statickeys$large$0");
        assertEquals(Opcodes.ACC_PRIVATE | Opcodes.ACC_STATIC | Opcodes.ACC_SYNTHETIC, outlined.access);
        // What is left of large(): small enough for C1 to inline (35 bytes).
        int left = SiteCorpus.codeLength(patch(inline(false, true)), "large");
        assertTrue(left <= 35, "large() is still " + left + " bytes");
    }

    @Test
    void blocksThatDoNotQualifyStayWhereTheyAre() {
        byte[] original = original();
        byte[] patched = patch(Map.of());
        for (String method : List.of("twoResults", "breaks", "small")) {
            assertEquals(SiteCorpus.codeLength(original, method), SiteCorpus.codeLength(patched, method), method);
        }
        assertEquals(List.of("statickeys$large$0(II)I"), added(read(patched)));
    }

    @Test
    void everyOutputOfTheClassHasTheSameMembers() {
        // Load, then a flip re-patching it inline, a switch to plain checks (hook only), a holder form:
        // retransformation may not add or remove a method, so all must agree.
        List<String> members = members(read(patch(inline(false, true))));
        assertEquals(members, members(read(patch(inline(true, false)))));
        assertEquals(members, members(read(patch(Map.of()))));
        Map<KeyField, FieldPatch> holders = Map.of(new KeyField(OWNER, "K"),
                FieldPatch.holder("block-outliner-test.k", "dev/statickeys/holders/H"));
        assertEquals(members, members(read(patch(holders))));
        // The same inputs give the same bytes: the transformer is a pure function of them.
        assertArrayEquals(patch(inline(true, true)), patch(inline(true, true)));
    }

    @ParameterizedTest(name = "K={0}, J={1}")
    @CsvSource({"false,false", "false,true", "true,false", "true,true"})
    void thePatchedClassReturnsWhatTheOriginalReturns(boolean k, boolean j) throws Exception {
        byte[] patched = patch(inline(k, j));
        Class<?> copy = new FreshLoader(LOADER, Set.of(BLOCKS), Map.of(BLOCKS, patched)).loadClass(BLOCKS);
        Blocks.K.disable();
        Blocks.J.enable();
        if (k) {
            Blocks.K.enable();
        }
        if (!j) {
            Blocks.J.disable();
        }
        try {
            for (int x : new int[] {0, 3, 1000}) {
                assertEquals(Blocks.large(x), call(copy, "large", x));
                assertEquals(Blocks.twoResults(x), call(copy, "twoResults", x));
                assertEquals(Blocks.breaks(x), call(copy, "breaks", x));
                assertEquals(Blocks.small(x), call(copy, "small", x));
            }
        } finally {
            Blocks.K.disable();
            Blocks.J.enable();
        }
        new Bytecode(patched).isEnabledCallsByMethod().forEach((method, calls) ->
                assertEquals(0, calls, "isEnabled() calls left in " + method));
    }

    @Test
    void theSiteTableCountsASiteInAMovedBlockInTheMethodItCameFrom() {
        // The test classes carry the processor's table: the nested J site is recorded in large(), at its line.
        TableCheck check = new TableCheck(new LoaderTables().lookup(LOADER, BlockOutlinerTest.class.getProtectionDomain(), OWNER));
        byte[] original = original();
        ClassPatcher.Result result = ClassPatcher.patch(original, ClassScan.of(original), inline(false, true), check);
        assertEquals(List.of(), check.mismatches());
        assertEquals(5, result.sites());
        assertTrue(added(read(result.bytes())).contains("statickeys$large$0(II)I"));
        new Bytecode(result.bytes()).isEnabledCallsByMethod().forEach((method, calls) ->
                assertEquals(0, calls, "isEnabled() calls left in " + method));
    }

    @Test
    void theCorpusLargeBlocksMoveExactlyWhereTheRulesSay() {
        SiteCorpus.Build build = SiteCorpus.compile(17, java.nio.file.Path.of("target/block-outliner-corpus"));
        List<String> moved = new ArrayList<>();
        for (String name : build.nest("dev.statickeys.corpus.LargeBlocks")) {
            byte[] original = build.classFiles.get(name);
            for (String method : added(read(ClassPatcher.patch(original, ClassScan.of(original), Map.of(), null).bytes()))) {
                String added = method.substring(0, method.indexOf('('));
                String origin = added.substring("statickeys$".length(), added.lastIndexOf('$'));
                moved.add(name.substring(name.lastIndexOf('.') + 1) + "." + origin);
            }
        }
        java.util.Collections.sort(moved);
        // Named statickeys$<method>$<n>: every other shape of the class stays where it is.
        assertEquals(List.of("LargeBlocks$Counter.bump", "LargeBlocks$Counter.init", "LargeBlocks.alwaysThrows",
                "LargeBlocks.doubleReturned", "LargeBlocks.ifElse", "LargeBlocks.lambdaInside",
                "LargeBlocks.longsAndDoubles", "LargeBlocks.loopInside", "LargeBlocks.negatedSite",
                "LargeBlocks.nestedSites", "LargeBlocks.nullLocal", "LargeBlocks.oneLocalReadAfter",
                "LargeBlocks.returnsInside", "LargeBlocks.switchInside", "LargeBlocks.throwCaughtOutside",
                "LargeBlocks.tryCatchInside", "LargeBlocks.tryInThenPart", "LargeBlocks.twoKeysOnOneLine",
                "LargeBlocks.whileAtBlockStart"),
                moved);
    }

    @Test
    void theScanMarksLargeExactlyTheMethodsWithSitesTheOutlinerMeasuresLargeEnough() {
        // The patcher collects a method into a tree only if the scan marked it large: a method it skips must be
        // one the outliner would have returned from at once, over the whole corpus (every shape and size).
        SiteCorpus.Build build = SiteCorpus.compile(17, java.nio.file.Path.of("target/block-outliner-corpus"));
        int large = 0;
        for (byte[] original : build.classFiles.values()) {
            ClassScan scan = ClassScan.of(original);
            for (MethodNode method : read(original).methods) {
                String id = method.name + method.desc;
                boolean measuredLarge = BlockOutliner.sizeOf(method.instructions) >= BlockOutliner.MIN_METHOD_BYTES;
                assertEquals(scan.siteMethods.contains(id) && measuredLarge, scan.largeSiteMethods.contains(id),
                        id + " in " + scan.className);
                large += scan.largeSiteMethods.contains(id) ? 1 : 0;
            }
        }
        assertTrue(large >= 19, "the corpus's large blocks are in large methods: " + large);
    }

    private static Object call(Class<?> type, String name, int x) throws ReflectiveOperationException {
        Method method = type.getDeclaredMethod(name, int.class);
        method.setAccessible(true);
        return method.invoke(null, x);
    }

    private static List<String> added(ClassNode patched) {
        List<String> added = new ArrayList<>();
        for (MethodNode method : patched.methods) {
            if (method.name.startsWith("statickeys$")) {
                added.add(method.name + method.desc);
            }
        }
        return added;
    }

    private static List<String> members(ClassNode type) {
        List<String> members = new ArrayList<>();
        for (MethodNode method : type.methods) {
            members.add(method.access + " " + method.name + method.desc);
        }
        return members;
    }
}
