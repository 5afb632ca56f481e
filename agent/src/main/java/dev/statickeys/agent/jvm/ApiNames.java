package dev.statickeys.agent.jvm;

/** Names and descriptors of the API as they appear in class files, defined once. */
final class ApiNames {
    static final String TYPE_STATIC_KEY = "dev/statickeys/StaticKey";
    static final String DESC_STATIC_KEY = "L" + TYPE_STATIC_KEY + ";";
    static final String METHOD_IS_ENABLED = "isEnabled";
    static final String DESC_IS_ENABLED = "()Z";
    static final String METHOD_DEFINE_FALSE = "defineFalse";
    static final String METHOD_DEFINE_TRUE = "defineTrue";
    static final String DESC_DEFINE = "(Ljava/lang/String;)" + DESC_STATIC_KEY;

    static final String TYPE_LINKAGE = "dev/statickeys/internal/Linkage";
    static final String METHOD_CLASS_INITIALIZED = "classInitialized";
    static final String DESC_CLASS_INITIALIZED = "(Ljava/lang/Class;)V";

    static final String CLINIT = "<clinit>";
    /** Classes of the agent itself (including the relocated ASM) are never transformed. */
    static final String AGENT_PACKAGE = "dev/statickeys/agent/";

    private ApiNames() {}
}
