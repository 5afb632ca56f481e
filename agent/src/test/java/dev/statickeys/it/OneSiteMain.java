package dev.statickeys.it;

import dev.statickeys.StaticKey;

/** The smallest application with a site: one key, one check, no flip; {@code StartupBenchmark}'s {@code OneSite}. */
public final class OneSiteMain {
    static final StaticKey KEY = StaticKey.defineFalse("it.one.site");

    private OneSiteMain() {}

    public static void main(String[] args) {
        System.out.println("enabled: " + KEY.isEnabled());
    }
}
