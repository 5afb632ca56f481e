package dev.statickeys.agent.boot;

/**
 * Not API: the test every class the JVM loads goes through, before anything else of the agent looks at it.
 * A class can hold a site or define a key only if its constant pool names {@code dev/statickeys/StaticKey}
 * ({@link KeyTypeFilter} walks the pool for it without parsing the rest). Classes of the agent itself (the
 * {@code dev/statickeys/agent/} packages, visible and isolated, the relocated ASM included) never count.
 *
 * <p>Used by the dormant agent ({@link Dormant}) to decide when to start the core, and by the core's
 * transformer to pass over a class, so the two can never disagree on which classes matter.
 */
public final class ApiMention {
    /** The API type every site and key definition names; the site rule's {@code SiteNames.TYPE_STATIC_KEY}. */
    static final String STATIC_KEY = "dev/statickeys/StaticKey";
    /** Classes of the agent, which are never transformed. */
    static final String AGENT_PACKAGE = "dev/statickeys/agent/";

    private ApiMention() {}

    /**
     * Whether the class {@code className} (internal form), whose class file the JVM handed over as
     * {@code classFile}, may concern the agent: it is a class file ({@code CAFEBABE}; ASM does not check, and
     * a patched copy of something else would hand the JVM a valid class where it was given an invalid one),
     * it is not the agent's, and it names the API's key type.
     */
    public static boolean in(String className, byte[] classFile) {
        return className != null && classFile != null && !className.startsWith(AGENT_PACKAGE) && hasMagic(classFile)
                && KeyTypeFilter.mayConcern(classFile);
    }

    private static boolean hasMagic(byte[] bytes) {
        return bytes.length >= 4 && (bytes[0] & 0xFF) == 0xCA && (bytes[1] & 0xFF) == 0xFE && (bytes[2] & 0xFF) == 0xBA
                && (bytes[3] & 0xFF) == 0xBE;
    }
}
