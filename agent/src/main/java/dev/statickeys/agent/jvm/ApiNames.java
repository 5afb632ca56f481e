package dev.statickeys.agent.jvm;

import dev.statickeys.siterule.SiteNames;

/** Names and descriptors of the API as they appear in class files, defined once. */
final class ApiNames {
    // The site rule's names, from the rule itself (dev.statickeys.siterule).
    static final String TYPE_STATIC_KEY = SiteNames.TYPE_STATIC_KEY;
    static final String DESC_STATIC_KEY = SiteNames.DESC_STATIC_KEY;
    static final String METHOD_IS_ENABLED = SiteNames.METHOD_IS_ENABLED;
    static final String DESC_IS_ENABLED = SiteNames.DESC_IS_ENABLED;
    static final String METHOD_DEFINE_FALSE = SiteNames.METHOD_DEFINE_FALSE;
    static final String METHOD_DEFINE_TRUE = SiteNames.METHOD_DEFINE_TRUE;
    static final String DESC_DEFINE = SiteNames.DESC_DEFINE;

    static final String TYPE_LINKAGE = "dev/statickeys/internal/Linkage";
    static final String METHOD_CLASS_INITIALIZED = "classInitialized";
    static final String DESC_CLASS_INITIALIZED = "(Ljava/lang/Class;)V";

    static final String CLINIT = "<clinit>";

    private ApiNames() {}
}
