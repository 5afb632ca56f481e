package dev.statickeys.agent.jvm;

import dev.statickeys.internal.core.KeyControl;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.statickeys.agent.jvm.SiteForm;
import dev.statickeys.fixtures.NoSites;
import dev.statickeys.fixtures.ShapeKeys;
import dev.statickeys.fixtures.Shapes;
import dev.statickeys.testing.Bytecode;
import dev.statickeys.testing.FreshLoader;
import dev.statickeys.holders.Anchor;
import java.lang.invoke.MethodHandles;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.stream.Stream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The transformer in-process, without an agent: every site shape crossed with every key state and both
 * site forms, each patched class loaded (so the JVM verifies it) and run. Holders are defined in a
 * fresh loader, parent of the loader of the patched classes, so each test gets its own.
 */
class SiteTransformerTest {
    private static final String SHAPES = Shapes.class.getName();
    private static final String BUILT = Shapes.class.getName() + "$Built";
    private static final ClassLoader LOADER = SiteTransformerTest.class.getClassLoader();

    private final TransformerParts parts = new TransformerParts();
    private final FreshLoader holderLoader = new FreshLoader(LOADER, Set.of(Anchor.class.getName()));
    private Holders holders;
    private SiteTransformer transformer = transformer(SiteForm.INLINE);

    private SiteTransformer transformer(SiteForm form) {
        try {
            holders = parts.holders(holderLoader);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
        return parts.transformer(form, holders, true, null);
    }

    private void setApplied(String key, boolean initialValue, boolean enabled) {
        parts.keys.forSite(key, initialValue);
        if (enabled) {
            parts.control.enable(key);
        } else {
            parts.control.disable(key);
        }
    }

    private byte[] patch(String className) {
        return patch(LOADER, className);
    }

    private byte[] patch(ClassLoader definingLoader, String className) {
        return transformer.transform(definingLoader, className.replace('.', '/'), null, null,
                FreshLoader.classFile(LOADER, className));
    }

    /** Loads patched copies of {@code classes} in a fresh loader, transformed as the JVM would: with that loader. */
    private Class<?> loadPatched(String... classes) throws ClassNotFoundException {
        Map<String, byte[]> bytes = new java.util.HashMap<>();
        FreshLoader loader = new FreshLoader(holderLoader, Set.of(classes), bytes);
        for (String name : classes) {
            bytes.put(name, patch(loader, name));
        }
        return loader.loadClass(classes[0]);
    }

    @ParameterizedTest(name = "{0}: A={1}, OWN={2}")
    @CsvSource({"INLINE,false,false", "INLINE,false,true", "INLINE,true,false", "INLINE,true,true",
            "HOLDER,false,false", "HOLDER,false,true", "HOLDER,true,false", "HOLDER,true,true"})
    void everyShapeVerifiesAndFollowsThePatchedState(SiteForm form, boolean a, boolean own) throws Exception {
        transformer = transformer(form);
        setApplied("shape.a", false, a);
        setApplied("shape.own", true, own);
        Class<?> shapes = loadPatched(SHAPES, BUILT);
        for (String method : Shapes.METHODS) {
            Object expected = method.startsWith("dynamic") ? Shapes.call(Shapes.class, method)
                    : Shapes.expected(method, a, own);
            assertEquals(expected, Shapes.call(shapes, method), method + " with A=" + a + ", OWN=" + own);
        }
    }

    @ParameterizedTest(name = "A={0}")
    @CsvSource({"false", "true"})
    void patchedSitesKeepNoKeyLoadAndNoCall(boolean a) {
        setApplied("shape.a", false, a);
        Bytecode patched = new Bytecode(patch(SHAPES));
        patched.isEnabledCallsByMethod().forEach((method, calls) -> {
            int expected = method.startsWith("dynamic") ? 1 : 0;
            assertEquals(expected, calls, "isEnabled() calls left in " + method);
        });
        for (String method : Shapes.METHODS) {
            if (!method.startsWith("dynamic") && !method.equals("constructor") && !method.equals("lambda")) {
                assertEquals(0, patched.keyLoads(method), "key loads left in " + method);
            }
        }
        assertEquals(0, new Bytecode(patch(BUILT)).isEnabledCallsByMethod().get("<init>"));
    }

    @Test
    void staticInitializerStartsWithTheHookAddedOrPrepended() {
        assertTrue(new Bytecode(patch(SHAPES)).startsWithInitHook(), "Shapes has a <clinit>: hook prepended");
        assertTrue(new Bytecode(patch(BUILT)).startsWithInitHook(), "Built has no <clinit>: one is added");
    }

    @Test
    void classesWithoutSitesAreReturnedUntouched() {
        assertNull(patch(NoSites.class.getName()), "no mention of StaticKey");
        assertNull(patch(ShapeKeys.class.getName()), "defines keys but has no site");
        assertNull(transformer.transform(LOADER, "java/lang/String", null, null,
                FreshLoader.classFile(LOADER, "java.lang.String")));
    }

    @Test
    void everyCallIsCountedAndTimedPassedOverOrPatched() {
        // transformNanos is the agent's own share of class loading, so no call may escape it, null answers included.
        patch(NoSites.class.getName());
        patch(SHAPES);
        transformer.transform(LOADER, null, null, null, new byte[0]);
        Map<String, Long> statistics = transformer.statistics();
        assertEquals(3L, statistics.get("transformCalls"), statistics.toString());
        assertTrue(statistics.get("transformNanos") > 0, statistics.toString());
        assertEquals(1L, statistics.get("tableReads"), "the loader's tables were read once: " + statistics);
        assertTrue(statistics.get("tableReadNanos") > 0, statistics.toString());
    }

    @Test
    void transformIsAPureFunctionOfBytesAndStates() {
        setApplied("shape.a", false, true);
        byte[] first = patch(SHAPES);
        setApplied("shape.a", false, false);
        byte[] other = patch(SHAPES);
        setApplied("shape.a", false, true);
        assertArrayEquals(first, patch(SHAPES));
        assertTrue(!java.util.Arrays.equals(first, other));
    }

    /** A flip hands the transformer the same bytes again: a state it made before is answered with a copy. */
    @Test
    void aRepatchToAStateMadeBeforeIsACopyOfWhatWasMadeThenForTheSameBytesOnly() throws Exception {
        setApplied("shape.a", false, false);
        Class<?> shapes = loadPatched(SHAPES);
        parts.classes.live(shapes);
        ClassLoader loader = shapes.getClassLoader();
        String internal = SHAPES.replace('.', '/');
        byte[] original = FreshLoader.classFile(LOADER, SHAPES);
        SiteTransformer fresh = parts.transformer(SiteForm.INLINE, holders, true, null);

        setApplied("shape.a", false, true);
        byte[] enabled = transformer.transform(loader, internal, shapes, null, original);
        setApplied("shape.a", false, false);
        byte[] disabled = transformer.transform(loader, internal, shapes, null, original);
        assertEquals(0L, transformer.statistics().get("repatchesReused"));
        enabled[0] = 0; // whoever got the bytes may write into them
        setApplied("shape.a", false, true);
        byte[] enabledAgain = transformer.transform(loader, internal, shapes, null, original.clone());
        assertArrayEquals(fresh.transform(loader, internal, shapes, null, original), enabledAgain);
        setApplied("shape.a", false, false);
        assertArrayEquals(disabled, transformer.transform(loader, internal, shapes, null, original));
        assertEquals(2L, transformer.statistics().get("repatchesReused"));
        assertEquals(List.of(shapes), parts.classes.liveClassesOf(List.of("shape.a")), "still recorded as re-patched");

        // Other bytes for the same class (another agent's transformer ahead of ours changed them): made anew.
        byte[] other = FreshLoader.classFile(LOADER, BUILT);
        assertArrayEquals(fresh.transform(loader, internal, shapes, null, other),
                transformer.transform(loader, internal, shapes, null, other));
        assertEquals(2L, transformer.statistics().get("repatchesReused"));
    }

    @Test
    void garbageAndTruncatedClassFilesAreLeftAloneWithoutThrowing() {
        byte[] shapes = FreshLoader.classFile(LOADER, SHAPES);
        byte[] truncated = java.util.Arrays.copyOf(shapes, shapes.length / 2);
        assertNull(transformer.transform(LOADER, "x/Truncated", null, null, truncated));
        byte[] garbage = "garbage dev/statickeys/StaticKey garbage".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertNull(transformer.transform(LOADER, "x/Garbage", null, null, garbage));
    }

    @Test
    void aFlipFindsOnlyTheLiveClassesThatUseTheKey() throws Exception {
        setApplied("shape.a", false, false);
        Class<?> shapes = loadPatched(SHAPES);
        assertEquals(List.of(), parts.classes.liveClassesOf(List.of("shape.a")), "loaded, not live yet");
        assertFalse(parts.classes.live(shapes).staleIn(parts.keys));
        assertEquals(List.of(shapes), parts.classes.liveClassesOf(List.of("shape.a")));
        assertEquals(List.of(), parts.classes.liveClassesOf(List.of("shape.other")));
    }

    @Test
    void aClassInitializedAfterAFlipIsStale() throws Exception {
        setApplied("shape.a", false, false);
        Class<?> shapes = loadPatched(SHAPES);
        setApplied("shape.a", false, true); // the class is loaded, not yet live: the flip does not see it
        assertEquals(List.of(), parts.classes.liveClassesOf(List.of("shape.a")));
        assertTrue(parts.classes.live(shapes).staleIn(parts.keys),
                "stale at initialization: the backend re-patches it before any site runs");
    }

    @Test
    void holderFormCallsOneHolderPerKeyAndKeepsNoKeyLoad() {
        transformer = transformer(SiteForm.HOLDER);
        Bytecode patched = new Bytecode(patch(SHAPES));
        Map<String, Integer> holderCalls = patched.holderCallsByMethod();
        patched.isEnabledCallsByMethod().forEach((method, calls) -> {
            assertEquals(method.startsWith("dynamic") ? 1 : 0, calls, "isEnabled() calls left in " + method);
        });
        for (String method : Shapes.METHODS) {
            if (!method.startsWith("dynamic") && !method.equals("constructor") && !method.equals("lambda")) {
                assertEquals(0, patched.keyLoads(method), "key loads left in " + method);
                assertTrue(holderCalls.get(method) > 0, "no holder call in " + method);
            }
        }
        assertEquals(2, holders.size(), "one holder per key: shape.a and shape.own");
    }

    @Test
    void holderFormFlipRepatchesTheHolderAndNotTheClassWithSites() throws Exception {
        transformer = transformer(SiteForm.HOLDER);
        setApplied("shape.a", false, false);
        Class<?> shapes = loadPatched(SHAPES, BUILT);
        parts.classes.live(shapes);
        assertEquals(false, Shapes.call(shapes, "ifElse").equals("then"));
        setApplied("shape.a", false, true);
        List<Class<?>> repatched = parts.classes.liveClassesOf(List.of("shape.a"));
        assertEquals(1, repatched.size(), "one class re-patched: " + repatched);
        Class<?> holder = repatched.get(0);
        assertEquals(Anchor.class.getPackageName() + ".Key$shape$a", holder.getName());
        assertEquals(holderLoader, holder.getClassLoader());
        // What a retransformation of the holder would install now: the new state.
        String internal = holder.getName().replace('.', '/');
        byte[] current = transformer.transform(holderLoader, internal, holder, null, new byte[0]);
        assertEquals(true, loadHolder(internal, current).getMethod("isEnabled").invoke(null));
    }

    @Test
    void holderBytesAnswerTheStateAndKeepTheSameMembers() throws Exception {
        String name = "dev/statickeys/testing/other/Key$a$b-c_d";
        Class<?> off = loadHolder(name, HolderClass.bytes(name, "dev/statickeys/holders/Anchor", "a.b-c_d", false, false));
        Class<?> on = loadHolder(name, HolderClass.bytes(name, "dev/statickeys/holders/Anchor", "a.b-c_d", true, false));
        assertEquals(false, off.getMethod("isEnabled").invoke(null));
        assertEquals(true, on.getMethod("isEnabled").invoke(null));
        assertEquals(List.of(off.getDeclaredMethods()).toString().replace(off.getName(), ""),
                List.of(on.getDeclaredMethods()).toString().replace(on.getName(), ""));
        assertEquals("dev/statickeys/testing/other/Key$a$b-c_d", HolderClass.nameOf("dev/statickeys/testing/other/", "a.b-c_d"));
    }

    private static Class<?> loadHolder(String internalName, byte[] bytes) throws ClassNotFoundException {
        String name = internalName.replace('/', '.');
        return new FreshLoader(LOADER, Set.of(name), Map.of(name, bytes)).loadClass(name);
    }

    @Test
    void theHookOnlyFallbackIsDumpedLikeEveryOtherClassHandedToTheJvm(@TempDir Path dump) throws Exception {
        // A loader whose table listing fails with an Error sends the class down the hook-only path.
        ClassLoader failing = new ClassLoader(LOADER) {
            @Override
            public Enumeration<URL> getResources(String name) {
                throw new AssertionError("a loader that fails");
            }
        };
        SiteTransformer dumping = parts.transformer(SiteForm.INLINE, holders, true, dump);
        String internal = SHAPES.replace('.', '/');
        byte[] out = dumping.transform(failing, internal, null, null, FreshLoader.classFile(LOADER, SHAPES));
        assertNotNull(out);
        assertTrue(new Bytecode(out).startsWithInitHook());
        assertArrayEquals(out, Files.readAllBytes(dump.resolve(internal + ".class")));
    }

    @Test
    void aClassNamedOutsideTheDumpDirectoryIsPatchedButNotWritten(@TempDir Path temp) throws Exception {
        // The JVM passes the definer's name unchecked (JNI DefineClass takes it in internal form as is).
        Path dump = Files.createDirectories(temp.resolve("dump"));
        SiteTransformer dumping = parts.transformer(SiteForm.INLINE, holders, true, dump);
        byte[] original = FreshLoader.classFile(LOADER, SHAPES);
        for (String name : List.of("../escape/Shapes", "p/../../escape/Shapes", temp + "/escape/Shapes")) {
            assertNotNull(dumping.transform(LOADER, name, null, null, original), name);
        }
        assertFalse(Files.exists(temp.resolve("escape")));
        try (Stream<Path> files = Files.list(dump)) {
            assertEquals(0, files.count());
        }
    }
}
