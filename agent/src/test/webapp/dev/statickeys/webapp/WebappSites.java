package dev.statickeys.webapp;

/** Sites of the webapp's keys, in the shapes a servlet's code has them. */
public final class WebappSites {
    private WebappSites() {}

    public static String feature() {
        if (WebappKeys.FEATURE.isEnabled()) {
            return "on";
        }
        return "off";
    }

    public static String trace() {
        return WebappKeys.TRACE.isEnabled() ? "on" : "off";
    }

    public static String rare() {
        String state = "off";
        if (!WebappKeys.RARE.isEnabled()) {
            return state;
        }
        return "on";
    }

    /** Every site's answer, for the response body. */
    public static String all() {
        return "feature=" + feature() + " trace=" + trace() + " rare=" + rare();
    }
}
