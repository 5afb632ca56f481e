package dev.statickeys.agent.jvm;

import dev.statickeys.internal.core.KeyControl;
import dev.statickeys.StaticKey;
import dev.statickeys.agent.jvm.SiteForm;
import dev.statickeys.holders.Anchor;
import dev.statickeys.testing.FreshLoader;
import java.util.List;
import java.util.Set;

/**
 * A transformer in-process, without an agent, whose core holds the keys' current states as applied
 * states, with holders of its own in a fresh loader: classes it patches behave as they would right
 * after loading under the agent.
 */
final class PatchingRig {
    /** The loader of the holders; patched classes must be defined in a loader below it. */
    final FreshLoader holderLoader;
    private final SiteTransformer transformer;

    PatchingRig(ClassLoader parent, SiteForm form, List<StaticKey> keys) throws ReflectiveOperationException {
        TransformerParts parts = new TransformerParts();
        KeyControl control = parts.control;
        for (StaticKey key : keys) {
            parts.keys.forSite(key.name(), key.initialValue());
            if (key.isEnabled()) {
                control.enable(key.name());
            } else {
                control.disable(key.name());
            }
        }
        holderLoader = new FreshLoader(parent, Set.of(Anchor.class.getName()));
        transformer = parts.transformer(form, parts.holders(holderLoader), true, null);
    }

    /** {@code bytes} of class {@code name} patched as if {@code loader} were loading it, or null if untouched. */
    byte[] patch(ClassLoader loader, String name, byte[] bytes) {
        return transformer.transform(loader, name.replace('.', '/'), null, null, bytes);
    }
}
