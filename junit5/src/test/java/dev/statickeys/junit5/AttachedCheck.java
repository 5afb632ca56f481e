package dev.statickeys.junit5;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.statickeys.StaticKey;
import dev.statickeys.StaticKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Run by the surefire execution {@code attach-auto}: a test JVM started without {@code -javaagent} and without
 * any setting, as a user's project runs its tests. The listener attached the agent before this class loaded, so
 * this class's own site is patched (its dumped class file calls no {@code isEnabled()}) and follows the
 * annotations.
 */
class AttachedCheck {
    static final String TRACING = "AttachedCheck.tracing";
    static final StaticKey TRACING_KEY = StaticKey.defineFalse(TRACING);

    static String tracing() {
        if (TRACING_KEY.isEnabled()) {
            return "on";
        }
        return "off";
    }

    @Test
    void theListenerAttachedTheAgentBeforeAnyTestClassLoaded() {
        AgentAttach.Outcome outcome = AgentAttach.decided();
        assertNotNull(outcome, "the listener ran when the launcher session opened");
        assertEquals(new AgentAttach.Outcome(AgentAttach.Result.ATTACHED, null), outcome);
        assertTrue(StaticKeys.agentActive());
    }

    @Test
    void thisClassLoadedAfterTheAttachHasItsSitePatched() throws IOException {
        Path dumped = Path.of(System.getProperty("it.attach.dump"), AttachedCheck.class.getName().replace('.', '/') + ".class");
        assertTrue(Files.isRegularFile(dumped), "the agent handed this class to the JVM patched: " + dumped);
        assertEquals(List.of(), isEnabledCalls(Files.readAllBytes(dumped)));
        // The holder backend (the default) defines the key's holder when it patches the first site of the key.
        assertDoesNotThrow(() -> Class.forName("dev.statickeys.holders.Key$" + TRACING.replace('.', '$'), false,
                ClassLoader.getSystemClassLoader()));
    }

    @Test
    @EnableKeys(TRACING)
    void thePatchedSiteFollowsTheAnnotation() {
        assertEquals("on", tracing());
    }

    @Test
    @WithStaticKeys
    void thePatchedSiteFollowsTheSwitch(KeySwitch keys) {
        assertEquals("off", tracing());
        keys.enable(TRACING);
        assertEquals("on", tracing());
    }

    /** The methods of {@code classFile} that still call {@code StaticKey.isEnabled()}. */
    static List<String> isEnabledCalls(byte[] classFile) {
        List<String> calls = new ArrayList<>();
        new ClassReader(classFile).accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
                return new MethodVisitor(Opcodes.ASM9) {
                    @Override
                    public void visitMethodInsn(int opcode, String owner, String method, String desc, boolean isInterface) {
                        if (owner.equals("dev/statickeys/StaticKey") && method.equals("isEnabled")) {
                            calls.add(name);
                        }
                    }
                };
            }
        }, 0);
        return calls;
    }
}
