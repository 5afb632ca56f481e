package dev.statickeys.samples;

import dev.statickeys.StaticKey;

/** The sample's keys, declared in one place as an application would. */
final class Features {
    /** Request tracing: off unless someone is debugging. */
    static final StaticKey TRACING = StaticKey.defineFalse("sample.tracing");
    /** The optimized path: on unless someone needs the reference implementation. */
    static final StaticKey FAST_PATH = StaticKey.defineTrue("sample.fast-path");

    private Features() {}
}
