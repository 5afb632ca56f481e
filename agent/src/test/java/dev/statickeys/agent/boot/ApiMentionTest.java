package dev.statickeys.agent.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.statickeys.siterule.SiteNames;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/** The byte search every loaded class goes through, in the dormant agent and in the core's transformer. */
class ApiMentionTest {
    private static byte[] classFile(Class<?> type) throws IOException {
        try (InputStream in = type.getResourceAsStream(type.getName().substring(type.getName().lastIndexOf('.') + 1) + ".class")) {
            return in.readAllBytes();
        }
    }

    /** A class with a key field, whose class file names the API type. */
    static final class WithKey {
        static final dev.statickeys.StaticKey KEY = dev.statickeys.StaticKey.defineFalse("mention.test");
    }

    @Test
    void theNameSearchedForIsTheSiteRulesKeyType() {
        assertEquals(SiteNames.TYPE_STATIC_KEY, ApiMention.STATIC_KEY);
    }

    @Test
    void aClassNamingTheKeyTypeCounts() throws IOException {
        assertTrue(ApiMention.in("com/example/WithKey", classFile(WithKey.class)));
    }

    @Test
    void aClassNamingNothingOfTheApiIsPassedOver() throws IOException {
        assertFalse(ApiMention.in("java/lang/Object", classFile(Object.class)));
    }

    @Test
    void theAgentsOwnClassesNeverCountWhateverTheyName() throws IOException {
        byte[] withKey = classFile(WithKey.class);
        assertFalse(ApiMention.in("dev/statickeys/agent/jvm/SiteTransformer", withKey));
        assertFalse(ApiMention.in("dev/statickeys/agent/shaded/asm/ClassReader", withKey));
    }

    @Test
    void bytesThatAreNoClassFileNeverCount() throws IOException {
        byte[] notAClass = classFile(WithKey.class);
        notAClass[0] = 0;
        assertFalse(ApiMention.in("some/App", notAClass));
        assertFalse(ApiMention.in("some/App", new byte[] {(byte) 0xCA, (byte) 0xFE}));
        assertFalse(ApiMention.in("some/App", null));
        assertFalse(ApiMention.in(null, classFile(WithKey.class)));
    }

    @Test
    void theNameMayStandAnywhereInTheClassFileIncludingItsEnd() {
        byte[] name = ApiMention.STATIC_KEY.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] bytes = new byte[8 + name.length];
        bytes[0] = (byte) 0xCA;
        bytes[1] = (byte) 0xFE;
        bytes[2] = (byte) 0xBA;
        bytes[3] = (byte) 0xBE;
        System.arraycopy(name, 0, bytes, 8, name.length);
        assertTrue(ApiMention.in("some/App", bytes));
        bytes[bytes.length - 1] = 'X';
        assertFalse(ApiMention.in("some/App", bytes));
    }
}
