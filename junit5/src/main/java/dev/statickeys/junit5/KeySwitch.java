package dev.statickeys.junit5;

/**
 * Flips static keys inside one test; every flip is undone after the test. Declare it as a parameter of a
 * test method (or of a {@code @BeforeEach} or {@code @AfterEach} method) and {@link StaticKeysExtension}
 * supplies it:
 *
 * <pre>{@code
 * @WithStaticKeys
 * class TracingTest {
 *     @Test
 *     void tracesOnlyWhileEnabled(KeySwitch keys) {
 *         keys.enable("tracing");
 *         assertTrue(handler.handle(request).traced());
 *         keys.disable("tracing");
 *         assertFalse(handler.handle(request).traced());
 *     }
 * }
 * }</pre>
 *
 * <p><b>States.</b> The same as the annotations': {@link #enable} leaves a count of 1 or more as it is
 * and takes 0 to 1; {@link #disable} decrements the count to 0 however high it is. Each call is one flip,
 * applied when it returns (with the agent, the sites are patched by then).
 *
 * <p><b>Restore.</b> The first time a test touches a key, here or through {@link EnableKeys @EnableKeys}
 * or {@link DisableKeys @DisableKeys}, its state is saved; after the test (after its {@code @AfterEach}
 * methods) it is restored exactly, together with the annotations' keys, in one patch operation. After
 * that this object refuses further flips with an {@link IllegalStateException}.
 *
 * <p><b>Unknown keys.</b> A name no loaded class has defined yet is <em>preset</em> (as the annotations
 * do): the key starts in the requested state when its class initializes during the test, and the preset
 * is put back afterwards. A misspelled name therefore changes nothing visible; the names are checked
 * against the naming rule only.
 *
 * <p><b>Parallel execution.</b> A test that takes a {@code KeySwitch} holds the lock
 * {@value StaticKeyLocks#GLOBAL_LOCK} in {@code READ_WRITE} mode (see {@link StaticKeyLocks}): it runs
 * while no other test that uses this extension's keys runs, since its keys are not known in advance.
 * That needs the lock provider to apply to the test: one of {@link EnableKeys @EnableKeys},
 * {@link DisableKeys @DisableKeys} or {@link WithStaticKeys @WithStaticKeys} on the test method or its
 * classes. Without one, with parallel execution enabled, the parameter is not resolved and the test
 * fails saying so.
 *
 * <p>Thread-safe: the test may hand it to threads of its own; flips are serialized per test.
 */
public final class KeySwitch {
    private final KeyStates states;

    KeySwitch(KeyStates states) {
        this.states = states;
    }

    /**
     * Enables the key named {@code name} (count 0 becomes 1; a higher count is left as it is), or presets
     * it enabled if it is not defined yet.
     *
     * @param name the key's name
     * @throws IllegalArgumentException if {@code name} is not 1 to 200 characters from
     *         {@code [A-Za-z0-9._-]}; nothing is changed
     * @throws IllegalStateException if the test this switch was given to has ended
     */
    public void enable(String name) {
        states.set(name, true);
    }

    /**
     * Disables the key named {@code name} (its count is decremented to 0), or presets it disabled if it
     * is not defined yet.
     *
     * @param name the key's name
     * @throws IllegalArgumentException if {@code name} is not 1 to 200 characters from
     *         {@code [A-Za-z0-9._-]}; nothing is changed
     * @throws IllegalStateException if the test this switch was given to has ended
     */
    public void disable(String name) {
        states.set(name, false);
    }
}
