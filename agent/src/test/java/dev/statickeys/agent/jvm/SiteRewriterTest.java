package dev.statickeys.agent.jvm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.statickeys.StaticKey;
import dev.statickeys.siterule.KeyField;
import dev.statickeys.testing.Bytecode;
import dev.statickeys.testing.FreshLoader;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Adjacent sites in the inline form, each state patched and loaded in a fresh loader, so the JVM verifies
 * every stack map frame the patcher wrote before the methods run.
 */
class SiteRewriterTest {
    private static final String TWO_SITES = TwoSites.class.getName();
    private static final String OWNER = TWO_SITES.replace('.', '/');

    /** Two keys read by neighbouring sites: the second follows the first's branch directly. */
    static final class TwoSites {
        static final StaticKey A = StaticKey.defineFalse("site-patcher-test.a");
        static final StaticKey B = StaticKey.defineFalse("site-patcher-test.b");

        static boolean either() {
            return A.isEnabled() || B.isEnabled();
        }

        static boolean both() {
            return A.isEnabled() && B.isEnabled();
        }

        static String eitherBranch() {
            if (A.isEnabled() || B.isEnabled()) {
                return "either";
            }
            return "neither";
        }
    }

    @ParameterizedTest(name = "A={0}, B={1}")
    @CsvSource({"false,false", "false,true", "true,false", "true,true"})
    void aSiteRightAfterOneThatBecameAGotoVerifiesInEveryState(boolean a, boolean b) throws Exception {
        // With both enabled, A's site in `A || B` becomes goto and B's becomes nothing, just before the
        // class's own frame at the goto's target: one frame there, not two.
        byte[] original = FreshLoader.classFile(getClass().getClassLoader(), TWO_SITES);
        byte[] patched = ClassPatcher.patch(original, ClassScan.of(original),
                Map.of(new KeyField(OWNER, "A"), FieldPatch.inline("a", a), new KeyField(OWNER, "B"),
                        FieldPatch.inline("b", b)), null).bytes();
        Class<?> copy = new FreshLoader(getClass().getClassLoader(), Set.of(TWO_SITES), Map.of(TWO_SITES, patched))
                .loadClass(TWO_SITES);
        assertEquals(a || b, call(copy, "either"));
        assertEquals(a && b, call(copy, "both"));
        assertEquals(a || b ? "either" : "neither", call(copy, "eitherBranch"));
        new Bytecode(patched).isEnabledCallsByMethod().forEach((method, calls) ->
                assertEquals(0, calls, "isEnabled() calls left in " + method));
    }

    private static Object call(Class<?> type, String method) throws ReflectiveOperationException {
        Method m = type.getDeclaredMethod(method);
        m.setAccessible(true);
        return m.invoke(null);
    }
}
