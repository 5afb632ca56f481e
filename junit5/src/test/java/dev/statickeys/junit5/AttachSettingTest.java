package dev.statickeys.junit5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AttachSettingTest {
    @TempDir
    Path dir;

    @Test
    void attachIsOnUnlessSaidOtherwise() throws IOException {
        assertTrue(AttachSetting.enabled(null, loaderOf(dir)));
    }

    @Test
    void theSystemPropertyWinsOverTheFile() throws IOException {
        Files.writeString(dir.resolve(AttachSetting.FILE), AttachSetting.NAME + "=false\n");
        assertFalse(AttachSetting.enabled(null, loaderOf(dir)));
        assertTrue(AttachSetting.enabled("true", loaderOf(dir)));
    }

    @Test
    void valuesAreTrueOrFalseInAnyCaseWithBlanksIgnored() {
        assertTrue(AttachSetting.parse(" TRUE ", "test"));
        assertFalse(AttachSetting.parse("False", "test"));
    }

    @Test
    void aBadSystemPropertyIsRefusedNamingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AttachSetting.enabled("no", loaderOf(dir)));
        assertEquals("statickeys-junit5: system property 'dev.statickeys.junit.attach=no': expected"
                + " dev.statickeys.junit.attach=true or dev.statickeys.junit.attach=false", e.getMessage());
    }

    @Test
    void aBadValueInTheFileIsRefusedNamingTheFile() throws IOException {
        Path file = dir.resolve(AttachSetting.FILE);
        Files.writeString(file, AttachSetting.NAME + "=off\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AttachSetting.enabled(null, loaderOf(dir)));
        assertEquals("statickeys-junit5: 'dev.statickeys.junit.attach=off' in " + file.toUri().toURL()
                + ": expected dev.statickeys.junit.attach=true or dev.statickeys.junit.attach=false", e.getMessage());
    }

    private static ClassLoader loaderOf(Path directory) throws IOException {
        return new URLClassLoader(new URL[] {directory.toUri().toURL()}, null);
    }
}
