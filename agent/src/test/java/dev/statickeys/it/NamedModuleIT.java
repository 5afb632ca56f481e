package dev.statickeys.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.statickeys.StaticKey;
import java.lang.module.Configuration;
import java.lang.module.ModuleFinder;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sites in a named module (compiled here, loaded in a new module layer with its own copy of the API
 * as the automatic module {@code dev.statickeys}). A named module reads only what it requires, so the
 * agent adds a read edge to the holders' module before its sites run.
 */
class NamedModuleIT {
    @TempDir
    Path temp;

    @Test
    void sitesInANamedModuleCallHoldersAndFollowFlips() throws Exception {
        Path source = temp.resolve("src");
        Files.createDirectories(source.resolve("sk/sites"));
        Files.writeString(source.resolve("module-info.java"),
                "module sk.sites { requires dev.statickeys; exports sk.sites; }");
        Files.writeString(source.resolve("sk/sites/ModuleSites.java"), String.join("\n",
                "package sk.sites;",
                "import dev.statickeys.StaticKey;",
                "public final class ModuleSites {",
                "    public static final StaticKey KEY = StaticKey.defineFalse(\"module.key\");",
                "    public static boolean site() { return KEY.isEnabled() ? true : false; }",
                "}"));
        Path api = apiJar();
        Path classes = temp.resolve("classes");
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int status = javac.run(null, null, null, "--module-path", api.toString(), "-d", classes.toString(),
                source.resolve("module-info.java").toString(), source.resolve("sk/sites/ModuleSites.java").toString());
        assertEquals(0, status, "javac");

        ModuleLayer boot = ModuleLayer.boot();
        Configuration configuration = boot.configuration()
                .resolve(ModuleFinder.of(classes, api), ModuleFinder.of(), Set.of("sk.sites"));
        ModuleLayer layer = boot.defineModulesWithOneLoader(configuration, ClassLoader.getSystemClassLoader());
        Class<?> sites = Class.forName("sk.sites.ModuleSites", true, layer.findLoader("sk.sites"));
        assertTrue(sites.getModule().isNamed());
        Method site = sites.getMethod("site");

        StaticKey key = StaticKey.defineFalse("module.key"); // the class path's copy of the API: one key
        assertEquals(false, site.invoke(null));
        key.enable();
        assertEquals(true, site.invoke(null));
        key.disable();
        assertEquals(false, site.invoke(null));
        if (System.getProperty("it.statickeys.backend", "holder").equals("holder")) {
            Class<?> holder = Class.forName("dev.statickeys.holders.Key$module$key");
            assertTrue(sites.getModule().canRead(holder.getModule()), "the agent added the read edge");
            assertEquals(1, Dumps.of(sites).holderCallsByMethod().get("site"));
        }
    }

    private static Path apiJar() {
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            if (Path.of(entry).getFileName().toString().startsWith("statickeys-api")) {
                return Path.of(entry);
            }
        }
        throw new AssertionError("no statickeys-api jar on the class path: " + System.getProperty("java.class.path"));
    }
}
