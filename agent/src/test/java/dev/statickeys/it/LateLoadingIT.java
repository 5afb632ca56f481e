package dev.statickeys.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.statickeys.StaticKey;
import dev.statickeys.StaticKeys;
import dev.statickeys.fixtures.HiddenKeys;
import dev.statickeys.fixtures.HiddenSites;
import dev.statickeys.fixtures.LateSites;
import dev.statickeys.testing.FreshLoader;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Method;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Classes loaded after flips, by the system loader and by fresh loaders, start in the current state. */
class LateLoadingIT {
    private static final String LATE = LateSites.class.getName();

    static boolean site(Class<?> copy) throws ReflectiveOperationException {
        return (boolean) copy.getMethod("site").invoke(null);
    }

    static Class<?> freshCopy() throws ClassNotFoundException {
        return new FreshLoader(LateLoadingIT.class.getClassLoader(), Set.of(LATE)).loadClass(LATE);
    }

    @Test
    void freshLoadersCreatedAfterFlipsStartInTheCurrentStateAndFollowLaterFlips() throws Exception {
        StaticKey key = StaticKey.defineFalse("late.key"); // the same key every copy of LateSites defines
        key.enable();
        Class<?> first = freshCopy();
        assertTrue(site(first), "loaded after enable");
        assertSame(key, first.getField("KEY").get(null), "every copy shares the key");
        key.disable();
        assertFalse(site(first), "re-patched by the flip");
        Class<?> second = freshCopy();
        assertFalse(site(second), "loader created after the disable");
        key.enable();
        assertTrue(site(first) && site(second));
        key.disable();
    }

    @Test
    void keyFlippedBeforeItsClassIsLoadedIsFoundByNameAndPatchedAtLoad() throws Exception {
        StaticKey key = StaticKey.defineFalse("late.system");
        key.enable();
        Class<?> type = Class.forName("dev.statickeys.it.LateLoadingIT$LoadedLater");
        assertTrue((boolean) type.getMethod("site").invoke(null));
        assertSame(key, StaticKeys.find("late.system").orElseThrow());
        assertEquals(0, Dumps.of(type).isEnabledCallsByMethod().get("site"));
    }

    @Test
    void sitesInAHiddenClassStayPlainChecks() throws Exception {
        MethodHandles.Lookup lookup = HiddenKeys.lookup()
                .defineHiddenClass(FreshLoader.classFile(getClass().getClassLoader(), HiddenSites.class.getName()), true);
        Method site = lookup.lookupClass().getMethod("site");
        assertFalse((boolean) site.invoke(null));
        HiddenKeys.KEY.enable();
        assertTrue((boolean) site.invoke(null), "the hidden class reads the key");
        HiddenKeys.KEY.disable();
        assertFalse((boolean) site.invoke(null));
    }

    /** Loaded only by {@link #keyFlippedBeforeItsClassIsLoadedIsFoundByNameAndPatchedAtLoad}. */
    static final class LoadedLater {
        static final StaticKey KEY = StaticKey.defineFalse("late.system");

        private LoadedLater() {}

        public static boolean site() {
            return KEY.isEnabled() ? true : false;
        }
    }
}
