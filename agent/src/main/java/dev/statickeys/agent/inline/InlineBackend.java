package dev.statickeys.agent.inline;

import dev.statickeys.agent.Reports;
import dev.statickeys.agent.core.Backend;
import java.lang.System.Logger.Level;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.List;

/**
 * The inline backend: re-patches by retransforming the classes that hold sites, all of them in one
 * {@code retransformClasses} call (one VM operation). If the JVM rejects the batch, classes are retried
 * one by one; a class the JVM will not take in patched form is switched to plain checks and
 * retransformed once more, so its sites read the key and stay correct.
 */
public final class InlineBackend implements Backend {
    private final Instrumentation instrumentation;
    private final InlineTransformer transformer;

    public InlineBackend(Instrumentation instrumentation, InlineTransformer transformer) {
        this.instrumentation = instrumentation;
        this.transformer = transformer;
    }

    @Override
    public void repatch(List<Class<?>> classes) {
        List<Class<?>> modifiable = new ArrayList<>(classes.size());
        for (Class<?> type : classes) {
            if (instrumentation.isModifiableClass(type)) {
                modifiable.add(type);
            } else {
                Reports.once("unmodifiable:" + type.getName(), Level.WARNING, "class " + type.getName()
                        + " cannot be retransformed (Instrumentation.isModifiableClass is false); its sites keep"
                        + " the state they were loaded with");
            }
        }
        if (modifiable.isEmpty()) {
            return;
        }
        try {
            retransform(modifiable.toArray(new Class<?>[0]));
        } catch (Throwable batchFailure) {
            rethrowIfFatal(batchFailure);
            for (Class<?> type : modifiable) {
                repatchAlone(type);
            }
        }
    }

    private void repatchAlone(Class<?> type) {
        try {
            retransform(type);
        } catch (Throwable patched) {
            rethrowIfFatal(patched);
            transformer.keepPlain(type);
            try {
                retransform(type);
                Reports.once("plain:" + type.getName(), Level.WARNING, "class " + type.getName()
                        + ": the JVM rejected its patched form (" + patched + "); its sites are plain checks now");
            } catch (Throwable plain) {
                rethrowIfFatal(plain);
                Reports.log(Level.ERROR, "class " + type.getName() + " could not be re-patched (" + patched
                        + "; as plain checks: " + plain + "); its sites keep their previous state", plain);
            }
        }
    }

    private void retransform(Class<?>... types) throws Exception {
        instrumentation.retransformClasses(types);
    }

    private static void rethrowIfFatal(Throwable e) {
        if (e instanceof VirtualMachineError) {
            throw (VirtualMachineError) e;
        }
    }
}
