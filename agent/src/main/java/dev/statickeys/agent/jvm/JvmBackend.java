package dev.statickeys.agent.jvm;

import dev.statickeys.agent.Reports;
import dev.statickeys.agent.jvm.SiteForm;
import java.lang.System.Logger.Level;
import java.lang.instrument.Instrumentation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The JVM backends: re-patching by retransforming classes, all of them in one
 * {@code retransformClasses} call (one VM operation). With the holder form a flip retransforms only
 * the holders of the keys that changed; with the inline form, the classes holding their sites.
 *
 * <p><b>Running frames.</b> A frame that is executing a method while its class is retransformed keeps
 * the old bytecode and runs in the interpreter until it returns. Before retransforming a class whose
 * sites are inline, this backend looks for threads running its methods. Each such class is moved to the
 * holder form in the same retransformation, so it is the last time a flip retransforms it, and the
 * frames are named in a warning: they keep the state they started with. (Where holders cannot be used
 * the class stays inline and the warning says so.)
 *
 * <p><b>Failures.</b> If the JVM rejects the batch, classes are retried one by one; a class the JVM will
 * not take in patched form is switched to plain checks and retransformed once more, so its sites read
 * the key and stay correct. A holder the JVM will not take keeps its old state, so the classes calling
 * it are switched to plain checks.
 */
public final class JvmBackend {
    private final Instrumentation instrumentation;
    private SiteForms forms;
    private Holders holders;
    private ClassSites core;
    private SiteTransformer transformer;
    // Counters: changed by flips and by classes re-patching themselves at initialization.
    private final AtomicLong patchOperations = new AtomicLong();
    private final AtomicLong siteClassesRetransformed = new AtomicLong();
    private final AtomicLong holdersRetransformed = new AtomicLong();
    private final AtomicLong movedToHolders = new AtomicLong();

    public JvmBackend(Instrumentation instrumentation) {
        this.instrumentation = instrumentation;
    }

    /**
     * Sets up the holders (unless every site is inline) and installs the transformer.
     *
     * @param atLoad the form sites take when their class loads
     * @param flipBudget how many times a holder is re-patched before it reads its key's state dynamically
     * @param useTables whether to read the site tables of class loaders
     * @param dumpDirectory where to write every class file produced, or null
     */
    public void start(ClassSites core, SiteForm atLoad, int flipBudget, boolean useTables, Path dumpDirectory) {
        this.core = core;
        try {
            holders = Holders.inAgentLoader(instrumentation, core, flipBudget);
        } catch (IllegalAccessException | RuntimeException e) {
            Reports.once("holders", Level.WARNING, "per-key holder classes are unavailable (" + e + ")"
                    + (atLoad == SiteForm.HOLDER ? "; every site is patched inline instead" : ""));
            atLoad = SiteForm.INLINE;
        }
        forms = new SiteForms(atLoad);
        transformer = new SiteTransformer(core, forms, holders, useTables, dumpDirectory);
        instrumentation.addTransformer(transformer, true);
    }

    /**
     * A reader of key {@code key}'s state for its holder's static initializer ({@code Anchor.reader}).
     *
     * @throws IllegalArgumentException if the key has no holder
     */
    public java.lang.invoke.MethodHandle holderReader(String key) {
        if (holders == null) {
            throw new IllegalArgumentException("static key \"" + key + "\" has no holder class");
        }
        return holders.reader(key);
    }

    /** The form classes take at load (the {@code backend=} option, unless holders are unavailable). */
    public SiteForm formAtLoad() {
        return forms.atLoad();
    }

    /**
     * Called from the static initializer of a class with sites, before any of them can run: makes it
     * live, and moves its sites inline if they call holders its class loader cannot see after all (the
     * transformer judged from the loader's resources). On JDK 17, a static method whose reflective call
     * triggered this initialization still runs its code from before, once.
     */
    public void classInitialized(Class<?> type) {
        // Both checks may load the anchor class through the class's loader: not under the flip lock.
        boolean reachable = holders != null && holders.reachableFrom(type.getClassLoader());
        boolean usable = reachable && holders.usableFrom(type);
        core.classInitialized(type);
        callsNoRefusedHolder(type);
        if (!usable && holders != null && forms.of(type) == SiteForm.HOLDER) {
            ClassLoader loader = type.getClassLoader();
            Reports.once("invisible:" + System.identityHashCode(loader), Level.WARNING, "class " + type.getName()
                    + " cannot reach the statickeys holder classes from its class loader " + loader
                    + "; its sites, and those of every class of that loader, are patched inline instead");
            if (reachable) {
                // The transformer expected the holders to be reachable and emitted calls to them.
                forms.switchTo(type, SiteForm.INLINE);
                core.repatchNow(type);
            }
        }
    }

    /**
     * A class loaded with calls to a holder the JVM refused since (it was transformed just before) takes
     * plain checks before any of its sites runs: its initializer is still running.
     */
    private void callsNoRefusedHolder(Class<?> type) {
        if (holders == null || !holders.anyRefused()) {
            return;
        }
        for (String key : core.holderKeysOf(type)) {
            if (!holders.has(key)) {
                toPlainChecks(List.of(type));
                return;
            }
        }
    }

    /** Re-patches live classes in one retransformation: the {@link ClassSites} repatcher. */
    public void repatch(List<Class<?>> classes) {
        List<Class<?>> modifiable = new ArrayList<>(classes.size());
        for (Class<?> type : classes) {
            if (isHolder(type) && !publishToHolder(type)) {
                continue; // a holder past its flip budget: its call site says the new state
            }
            if (instrumentation.isModifiableClass(type)) {
                modifiable.add(type);
            } else {
                String reason = "cannot be retransformed (Instrumentation.isModifiableClass is false); its sites"
                        + " keep the state they were loaded with";
                core.patchFailed(type.getName(), reason);
                Reports.once("unmodifiable:" + type.getName(), Level.WARNING, "class " + type.getName() + " " + reason);
            }
        }
        if (modifiable.isEmpty()) {
            return;
        }
        moveRunningClassesToHolders(modifiable);
        retransformAll(modifiable);
    }

    /** Retransforms {@code classes} in one operation; if the JVM rejects it, one by one. */
    private void retransformAll(List<Class<?>> classes) {
        count(classes);
        core.retransformed(classes);
        try {
            retransform(classes.toArray(new Class<?>[0]));
        } catch (Throwable batchFailure) {
            rethrowIfFatal(batchFailure);
            for (Class<?> type : classes) {
                repatchAlone(type);
            }
        }
    }

    private void moveRunningClassesToHolders(List<Class<?>> classes) {
        // Only classes with inline sites of a changed key are listed: every one but the holders.
        List<Class<?>> inline = new ArrayList<>();
        for (Class<?> type : classes) {
            if (!isHolder(type)) {
                inline.add(type);
            }
        }
        if (inline.isEmpty()) {
            return;
        }
        for (Map.Entry<Class<?>, List<String>> running : RunningFrames.of(inline).entrySet()) {
            Class<?> type = running.getKey();
            String frames = String.join("; ", running.getValue());
            if (holders != null && holders.knownUsableFrom(type)) {
                forms.switchTo(type, SiteForm.HOLDER);
                movedToHolders.incrementAndGet();
                Reports.once("running:" + type.getName() + "@" + System.identityHashCode(type), Level.WARNING,
                        "class " + type.getName() + " is being retransformed for a flip while " + frames
                        + ". Those frames keep the key states they started with and run in the interpreter until"
                        + " they return. The class's sites now call per-key holders, so later flips do not"
                        + " retransform it again (see README, \"Backends\").");
            } else {
                Reports.once("running:" + type.getName() + "@" + System.identityHashCode(type), Level.WARNING,
                        "class " + type.getName() + " is being retransformed for a flip while " + frames
                        + ". Those frames keep the key states they started with and run in the interpreter until"
                        + " they return; holder classes are not usable from this class, so its sites stay inline.");
            }
        }
    }

    /** Points the key's call site at its state; whether the holder must be retransformed as well. */
    private boolean publishToHolder(Class<?> holder) {
        try {
            return holders.publish(holder);
        } catch (RuntimeException e) {
            Reports.once("publish:" + holder.getName(), Level.WARNING, "holder " + holder.getName()
                    + ": its call site could not be set (" + e + "); it is re-patched instead");
            return true;
        }
    }

    private void count(List<Class<?>> classes) {
        patchOperations.incrementAndGet();
        for (Class<?> type : classes) {
            if (isHolder(type)) {
                holdersRetransformed.incrementAndGet();
            } else {
                siteClassesRetransformed.incrementAndGet();
            }
        }
    }

    private boolean isHolder(Class<?> type) {
        return holders != null && holders.owns(type.getClassLoader(), type.getName().replace('.', '/'));
    }

    /**
     * How the sites of {@code key} are patched now: {@code holder}, {@code inline}, {@code holder+inline}
     * (some classes of the key were moved, or cannot reach the holders), or the form at load when no class
     * with its sites is live.
     */
    public String backendOf(String key) {
        boolean holder = holders != null && holders.has(key);
        boolean inline = false;
        for (Class<?> type : core.liveClassesOf(key)) {
            if (!isHolder(type)) {
                inline = true;
                break;
            }
        }
        String form = holder && inline ? "holder+inline" : holder ? "holder" : inline ? "inline"
                : formAtLoad().name();
        return form.toLowerCase(java.util.Locale.ROOT);
    }

    /** Counters since start; no lock is taken (a flip may be counting meanwhile). */
    public Map<String, Long> statistics() {
        Map<String, Long> counters = new LinkedHashMap<>();
        counters.put("patchOperations", patchOperations.get());
        counters.put("classesPatched", holdersRetransformed.get() + siteClassesRetransformed.get());
        counters.put("holderClasses", holders == null ? 0L : holders.size());
        counters.put("dynamicHolders", holders == null ? 0L : holders.dynamicCount());
        counters.put("holdersRetransformed", holdersRetransformed.get());
        counters.put("siteClassesRetransformed", siteClassesRetransformed.get());
        counters.put("classesMovedToHolders", movedToHolders.get());
        counters.putAll(transformer.statistics());
        return counters;
    }

    private void repatchAlone(Class<?> type) {
        try {
            retransform(type);
        } catch (Throwable patched) {
            rethrowIfFatal(patched);
            if (isHolder(type)) {
                holderRefused(type, patched);
                return;
            }
            forms.switchTo(type, SiteForm.PLAIN);
            try {
                retransform(type);
                String reason = "the JVM rejected its patched form (" + patched + "); its sites are plain checks now";
                core.patchFailed(type.getName(), reason);
                Reports.once("plain:" + type.getName(), Level.WARNING, "class " + type.getName() + ": " + reason);
            } catch (Throwable plain) {
                rethrowIfFatal(plain);
                String reason = "could not be re-patched (" + patched + "; as plain checks: " + plain
                        + "); its sites keep their previous state";
                core.patchFailed(type.getName(), reason);
                Reports.log(Level.ERROR, "class " + type.getName() + " " + reason, plain);
            }
        }
    }

    /**
     * The JVM would not take a holder's new state: the holder keeps its old one. Every live class calling
     * it is moved to plain checks (the key's state is right there whatever the holder says), and classes
     * loaded from now on patch the key inline. Called under the flip lock.
     */
    private void holderRefused(Class<?> holder, Throwable failure) {
        String key = holders.refuse(holder);
        core.repatched(holder, Map.of(), Set.of()); // later flips pass it over
        List<Class<?>> users = core.holderUsersOf(key);
        String reason = "the JVM rejected the new form of the holder of static key \"" + key + "\" (" + failure
                + "), which keeps its previous state; the " + users.size() + " classes calling it are moved to"
                + " plain checks, and classes loaded later patch the key inline";
        core.patchFailed(holder.getName(), reason);
        Reports.log(Level.ERROR, "holder " + holder.getName() + ": " + reason, null);
        toPlainChecks(users);
    }

    /** Re-patches {@code classes} with plain checks, one retransformation, then one by one if that fails. */
    private void toPlainChecks(List<Class<?>> classes) {
        List<Class<?>> modifiable = new ArrayList<>();
        for (Class<?> type : classes) {
            forms.switchTo(type, SiteForm.PLAIN);
            if (instrumentation.isModifiableClass(type)) {
                modifiable.add(type);
            }
        }
        if (!modifiable.isEmpty()) {
            retransformAll(modifiable);
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
