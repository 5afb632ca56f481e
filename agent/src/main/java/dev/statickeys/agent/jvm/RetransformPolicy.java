package dev.statickeys.agent.jvm;

import dev.statickeys.agent.Reports;
import java.lang.System.Logger.Level;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * How live classes are retransformed, and what happens when the JVM says no; every step is reported to
 * one {@link Listener}.
 * <ol>
 *   <li>All classes go to one {@code retransformClasses} call: one VM operation.
 *   <li>If the JVM rejects the batch, each class is retransformed alone, so one bad class does not hold
 *       up the others.
 *   <li>A class the JVM will not take in patched form is switched to plain checks ({@link SiteForm#PLAIN})
 *       and retransformed once more: its sites then read the key and stay correct.
 *   <li>A holder the JVM will not take keeps its old state, so it is given up
 *       ({@link Holders#refuse}) and every live class calling it is switched to plain checks the same way.
 * </ol>
 * A {@link VirtualMachineError} is never caught. Called under the flip lock, or without any lock by a
 * class re-patching itself at initialization.
 */
final class RetransformPolicy {
    /** What the policy did, as it did it. Called on the retransforming thread; must be quick. */
    interface Listener {
        /** {@code classes} are about to be passed to one {@code retransformClasses} call. */
        void onBatch(List<Class<?>> classes);

        /** Class {@code className} could not be patched; {@code reason} says what its sites do instead. */
        void onFailure(String className, String reason);
    }

    private final Instrumentation instrumentation;
    private final ClassForms forms;
    private final Holders holders;
    private final ClassTable classes;
    private final Listener listener;

    /** @param holders the holder classes, or null when there are none */
    RetransformPolicy(Instrumentation instrumentation, ClassForms forms, Holders holders, ClassTable classes,
            Listener listener) {
        this.instrumentation = instrumentation;
        this.forms = forms;
        this.holders = holders;
        this.classes = classes;
        this.listener = listener;
    }

    /** Retransforms {@code classes} (all modifiable) in one operation; if the JVM rejects it, one by one. */
    void retransform(List<Class<?>> classes) {
        listener.onBatch(classes);
        try {
            instrumentation.retransformClasses(classes.toArray(new Class<?>[0]));
        } catch (Throwable batchFailure) {
            rethrowIfFatal(batchFailure);
            for (Class<?> type : classes) {
                retransformAlone(type);
            }
        }
    }

    /** Re-patches {@code classes} with plain checks, one retransformation, then one by one if that fails. */
    void toPlainChecks(List<Class<?>> classes) {
        List<Class<?>> modifiable = new ArrayList<>();
        for (Class<?> type : classes) {
            forms.switchTo(type, SiteForm.PLAIN);
            if (instrumentation.isModifiableClass(type)) {
                modifiable.add(type);
            }
        }
        if (!modifiable.isEmpty()) {
            retransform(modifiable);
        }
    }

    private void retransformAlone(Class<?> type) {
        try {
            instrumentation.retransformClasses(type);
        } catch (Throwable patched) {
            rethrowIfFatal(patched);
            if (holders != null && holders.owns(type)) {
                holderRefused(type, patched);
            } else {
                plainChecksAfterRefusal(type, patched);
            }
        }
    }

    private void plainChecksAfterRefusal(Class<?> type, Throwable patched) {
        forms.switchTo(type, SiteForm.PLAIN);
        try {
            instrumentation.retransformClasses(type);
            String reason = "the JVM rejected its patched form (" + patched + "); its sites are plain checks now";
            listener.onFailure(type.getName(), reason);
            Reports.once("plain:" + type.getName(), Level.WARNING, "class " + type.getName() + ": " + reason);
        } catch (Throwable plain) {
            rethrowIfFatal(plain);
            String reason = "could not be re-patched (" + patched + "; as plain checks: " + plain
                    + "); its sites keep their previous state";
            listener.onFailure(type.getName(), reason);
            Reports.log(Level.ERROR, "class " + type.getName() + " " + reason, plain);
        }
    }

    /**
     * The JVM would not take a holder's new state: the holder keeps its old one. Every live class calling
     * it is moved to plain checks (the key's state is right there whatever the holder says), and classes
     * loaded from now on patch the key inline.
     */
    private void holderRefused(Class<?> holder, Throwable failure) {
        String key = holders.refuse(holder);
        classes.repatched(holder, Set.of(), Set.of()); // later flips pass it over
        List<Class<?>> users = classes.holderUsersOf(key);
        String reason = "the JVM rejected the new form of the holder of static key \"" + key + "\" (" + failure
                + "), which keeps its previous state; the " + users.size() + " classes calling it are moved to"
                + " plain checks, and classes loaded later patch the key inline";
        listener.onFailure(holder.getName(), reason);
        Reports.log(Level.ERROR, "holder " + holder.getName() + ": " + reason, null);
        toPlainChecks(users);
    }

    private static void rethrowIfFatal(Throwable e) {
        if (e instanceof VirtualMachineError) {
            throw (VirtualMachineError) e;
        }
    }
}
