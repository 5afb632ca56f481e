package dev.statickeys.agent.jvm;

import dev.statickeys.holders.Anchor;
import dev.statickeys.internal.core.JumpLabels;
import dev.statickeys.internal.core.KeyControl;
import dev.statickeys.internal.core.KeyRegistry;
import java.lang.invoke.MethodHandles;
import java.nio.file.Path;

/**
 * A transformer's collaborators, fresh and without an agent: a core whose backend patches nothing, so a
 * flip only publishes applied states, and the class table a test can ask what a flip would re-patch.
 */
final class TransformerParts {
    final KeyRegistry keys = new KeyRegistry();
    final ClassTable classes = new ClassTable();
    final FlipRecorder recorder = new FlipRecorder(null);
    /** Flips through the one state machine; the backend does nothing. */
    final KeyControl control = new KeyControl(new JumpLabels(keys, states -> { }));

    SiteTransformer transformer(SiteForm form, Holders holders, boolean useTables, Path dumpDirectory) {
        return new SiteTransformer(keys, classes, new ClassForms(form), holders, recorder, useTables, dumpDirectory);
    }

    /** Holders defined next to the copy of {@link Anchor} that {@code holderLoader} loads. */
    Holders holders(ClassLoader holderLoader) throws ReflectiveOperationException {
        return new Holders(MethodHandles.privateLookupIn(holderLoader.loadClass(Anchor.class.getName()),
                MethodHandles.lookup()), keys, classes, null, 50);
    }
}
