package dev.statickeys.agent.inline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.statickeys.agent.core.JumpLabels;
import dev.statickeys.fixtures.NoSites;
import dev.statickeys.fixtures.ShapeKeys;
import dev.statickeys.fixtures.Shapes;
import dev.statickeys.testing.Bytecode;
import dev.statickeys.testing.FreshLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The transformer in-process, without an agent: every site shape crossed with every key state, each
 * patched class loaded (so the JVM verifies it) and run.
 */
class InlineTransformerTest {
    private static final String SHAPES = Shapes.class.getName();
    private static final String BUILT = Shapes.class.getName() + "$Built";
    private static final ClassLoader LOADER = InlineTransformerTest.class.getClassLoader();

    private final List<Class<?>> repatched = new ArrayList<>();
    private final JumpLabels core = new JumpLabels(repatched::addAll);
    private final InlineTransformer transformer = new InlineTransformer(core, null);

    private void setApplied(String key, boolean initialValue, boolean enabled) {
        core.keys().forSite(key, initialValue).count().set(enabled ? 1 : 0);
        core.lock().lock();
        try {
            core.sync(key);
        } finally {
            core.lock().unlock();
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
        FreshLoader loader = new FreshLoader(LOADER, Set.of(classes), bytes);
        for (String name : classes) {
            bytes.put(name, patch(loader, name));
        }
        return loader.loadClass(classes[0]);
    }

    @ParameterizedTest(name = "A={0}, OWN={1}")
    @CsvSource({"false,false", "false,true", "true,false", "true,true"})
    void everyShapeVerifiesAndFollowsThePatchedState(boolean a, boolean own) throws Exception {
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
    void transformIsAPureFunctionOfBytesAndStates() {
        setApplied("shape.a", false, true);
        byte[] first = patch(SHAPES);
        setApplied("shape.a", false, false);
        byte[] other = patch(SHAPES);
        setApplied("shape.a", false, true);
        assertArrayEquals(first, patch(SHAPES));
        assertTrue(!java.util.Arrays.equals(first, other));
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
    void flipRepatchesOnlyLiveClassesThatUseTheKey() throws Exception {
        setApplied("shape.a", false, false);
        Class<?> shapes = loadPatched(SHAPES);
        core.classInitialized(shapes);
        setApplied("shape.a", false, true);
        assertEquals(List.of(shapes), repatched);
        repatched.clear();
        setApplied("shape.a", false, true);
        assertEquals(List.of(), repatched, "no edge, no patch");
    }

    @Test
    void classInitializedAfterAFlipRepatchesItself() throws Exception {
        setApplied("shape.a", false, false);
        Class<?> shapes = loadPatched(SHAPES);
        setApplied("shape.a", false, true); // the class is loaded, not yet live: the flip does not see it
        assertEquals(List.of(), repatched);
        core.classInitialized(shapes);
        assertEquals(List.of(shapes), repatched, "stale at initialization: re-patched before any site runs");
        assertNotNull(shapes);
    }
}
