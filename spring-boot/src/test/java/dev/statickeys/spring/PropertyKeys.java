package dev.statickeys.spring;

import dev.statickeys.StaticKey;

/** Keys defined only when a test's bean first reads them: after the properties were applied. */
final class PropertyKeys {
    static final StaticKey EARLY = StaticKey.defineFalse("props.early");
    static final StaticKey MIXED_CASE = StaticKey.defineFalse("props.Mixed_Case");
    static final StaticKey DEFINED = StaticKey.defineTrue("props.defined");

    private PropertyKeys() {}
}
