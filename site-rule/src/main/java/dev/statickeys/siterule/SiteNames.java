package dev.statickeys.siterule;

/** The API's names and descriptors the site rule matches, as they appear in class files, defined once. */
public final class SiteNames {
    public static final String TYPE_STATIC_KEY = "dev/statickeys/StaticKey";
    public static final String DESC_STATIC_KEY = "L" + TYPE_STATIC_KEY + ";";
    public static final String METHOD_IS_ENABLED = "isEnabled";
    public static final String DESC_IS_ENABLED = "()Z";
    public static final String METHOD_DEFINE_FALSE = "defineFalse";
    public static final String METHOD_DEFINE_TRUE = "defineTrue";
    public static final String DESC_DEFINE = "(Ljava/lang/String;)" + DESC_STATIC_KEY;

    private SiteNames() {}
}
