package dev.statickeys.agent.jvm;

import dev.statickeys.agent.Reports;
import dev.statickeys.internal.core.Backend;
import dev.statickeys.internal.core.KeyRegistry;
import java.lang.System.Logger.Level;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The JVM backends, behind the core's {@link Backend} hook: a flip re-patches the live classes holding
 * sites of the keys that changed ({@link ClassTable}), all of them in one {@code retransformClasses}
 * call. With the holder form that is only the holders of the keys; with the inline form, the classes
 * holding their sites. What happens when the JVM refuses is the {@link RetransformPolicy}'s; classes
 * that threads are running are moved to holders first ({@link HolderMigration}); everything is reported
 * to one {@link FlipRecorder}.
 *
 * <p>Built once, by {@link #install}, on the key registry the core will use: the transformer patches
 * classes at load with the registry's applied states before the core exists. Then the core is made with
 * this backend ({@code new JumpLabels(keys, backend)}), which calls {@link #update} under its flip lock.
 */
public final class JvmBackend implements Backend {
    private final Instrumentation instrumentation;
    private final KeyRegistry keys;
    private final ClassTable classes;
    private final ClassForms forms;
    /** The holder classes, or null when they are unavailable (every site is then inline). */
    private final Holders holders;
    private final FlipRecorder recorder;
    private final RetransformPolicy policy;
    private final HolderMigration migration;
    private final SiteTransformer transformer;

    private JvmBackend(Instrumentation instrumentation, KeyRegistry keys, ClassTable classes, ClassForms forms,
            Holders holders, boolean useTables, Path dumpDirectory) {
        this.instrumentation = instrumentation;
        this.keys = keys;
        this.classes = classes;
        this.forms = forms;
        this.holders = holders;
        this.recorder = new FlipRecorder(holders);
        this.policy = new RetransformPolicy(instrumentation, forms, holders, classes, recorder);
        this.migration = new HolderMigration(holders, forms, classes);
        this.transformer = new SiteTransformer(keys, classes, forms, holders, recorder, useTables, dumpDirectory);
    }

    /**
     * Sets up the holders (unless every site is inline) and the transformer, which the caller registers
     * ({@link #transformer()}).
     *
     * @param keys the registry the core will be made with
     * @param atLoad the form sites take when their class loads
     * @param flipBudget how many times a holder is re-patched before it reads its key's state dynamically
     * @param useTables whether to read the site tables of class loaders
     * @param dumpDirectory where to write every class file produced, or null
     */
    public static JvmBackend install(Instrumentation instrumentation, KeyRegistry keys, SiteForm atLoad,
            int flipBudget, boolean useTables, Path dumpDirectory) {
        ClassTable classes = new ClassTable();
        Holders holders;
        try {
            holders = Holders.inAgentLoader(instrumentation, keys, classes, flipBudget);
        } catch (IllegalAccessException | RuntimeException e) {
            Reports.once("holders", Level.WARNING, "per-key holder classes are unavailable (" + e + ")"
                    + (atLoad == SiteForm.HOLDER ? "; every site is patched inline instead" : ""));
            holders = null;
            atLoad = SiteForm.INLINE;
        }
        JvmBackend backend = new JvmBackend(instrumentation, keys, classes, new ClassForms(atLoad), holders,
                useTables, dumpDirectory);
        return backend;
    }

    /** The transformer that patches classes as they load and re-patches them on retransformation. */
    public ClassFileTransformer transformer() {
        return transformer;
    }

    /**
     * Re-patches the live classes holding sites of the keys in {@code states}. Called by the core with
     * the flip lock held; never throws for a class that cannot be patched (the policy reports it).
     */
    @Override
    public void update(Map<String, Boolean> states) {
        Flip flip = recorder.starting(states);
        try {
            List<Class<?>> live = classes.liveClassesOf(states.keySet());
            if (!live.isEmpty()) {
                repatch(live);
            }
        } finally {
            recorder.ended(flip);
        }
    }

    /** Adds a listener told about every patch operation from now on. */
    public void addListener(FlipListener listener) {
        recorder.addListener(listener);
    }

    /** What happened to each key since start. */
    public KeyActivity activity() {
        return recorder.activity();
    }

    /** The live classes a flip of {@code key} retransforms now (or would, for holders past their budget). */
    public List<Class<?>> liveClassesOf(String key) {
        return classes.liveClassesOf(List.of(key));
    }

    /**
     * A reader of key {@code key}'s state for its holder's static initializer ({@code Anchor.reader}).
     *
     * @throws IllegalArgumentException if the key has no holder
     */
    public MethodHandle holderReader(String key) {
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
     * live and re-patches it if a key it was patched with changed since; re-patches holders that were
     * stale when defined, or waits while another thread does ({@link Holders#repatchStale}: its sites may
     * call them); and moves its sites inline if they call holders its class loader cannot see after all
     * (the transformer judged from the loader's resources). On JDK 17, a static method whose reflective
     * call triggered this initialization still runs its code from before, once. Takes no flip lock: it
     * runs on the class-loading path (see {@link ClassTable} for why that is safe).
     */
    public void classInitialized(Class<?> type) {
        // Both checks may load the anchor class through the class's loader: not under the flip lock.
        boolean reachable = holders != null && holders.reachableFrom(type.getClassLoader());
        boolean usable = reachable && holders.usableFrom(type);
        ClassTable.Patched patched = classes.live(type);
        if (patched != null && patched.staleIn(keys)) {
            repatch(List.of(type));
        }
        if (holders != null) {
            holders.repatchStale(new Repatcher());
        }
        callsNoRefusedHolder(type);
        if (!usable && holders != null && forms.of(type) == SiteForm.HOLDER) {
            ClassLoader loader = type.getClassLoader();
            Reports.once("invisible:" + System.identityHashCode(loader), Level.WARNING, "class " + type.getName()
                    + " cannot reach the statickeys holder classes from its class loader " + loader
                    + "; its sites, and those of every class of that loader, are patched inline instead");
            if (reachable) {
                // The transformer expected the holders to be reachable and emitted calls to them.
                forms.switchTo(type, SiteForm.INLINE);
                repatch(List.of(type));
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
        for (String key : classes.holderKeysOf(type)) {
            if (!holders.has(key)) {
                policy.toPlainChecks(List.of(type));
                return;
            }
        }
    }

    /**
     * Re-patches live classes in one retransformation: by flips with the flip lock held, and by classes
     * re-patching themselves at initialization with no lock held.
     */
    private void repatch(List<Class<?>> live) {
        List<Class<?>> modifiable = new ArrayList<>(live.size());
        List<Class<?>> inline = new ArrayList<>(live.size());
        for (Class<?> type : live) {
            boolean holder = isHolder(type);
            if (holder && !publishToHolder(type)) {
                continue; // a holder past its flip budget: its call site says the new state
            }
            if (instrumentation.isModifiableClass(type)) {
                modifiable.add(type);
                if (!holder) {
                    inline.add(type); // only classes with inline sites of a changed key are listed
                }
            } else {
                String reason = "cannot be retransformed (Instrumentation.isModifiableClass is false); its sites"
                        + " keep the state they were loaded with";
                recorder.onFailure(type.getName(), reason);
                Reports.once("unmodifiable:" + type.getName(), Level.WARNING, "class " + type.getName() + " " + reason);
            }
        }
        if (modifiable.isEmpty()) {
            return;
        }
        migration.moveRunning(inline);
        policy.retransform(modifiable);
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

    private boolean isHolder(Class<?> type) {
        return holders != null && holders.owns(type);
    }

    /**
     * How the sites of {@code key} are patched now: {@code holder}, {@code inline}, {@code holder+inline}
     * (some classes of the key were moved, or cannot reach the holders), or the form at load when no class
     * with its sites is live.
     */
    public String backendOf(String key) {
        boolean holder = holders != null && holders.has(key);
        // Called for every flip's report: looks at the key's live classes without copying them.
        boolean inline = classes.anyLive(key, type -> !isHolder(type));
        String form = holder && inline ? "holder+inline" : holder ? "holder" : inline ? "inline"
                : formAtLoad().name();
        return form.toLowerCase(Locale.ROOT);
    }

    /** Counters since start; no lock is taken (a flip may be counting meanwhile). */
    public Map<String, Long> statistics() {
        Map<String, Long> retransformed = recorder.statistics();
        Map<String, Long> counters = new LinkedHashMap<>();
        counters.put("patchOperations", retransformed.get("patchOperations"));
        counters.put("classesPatched", retransformed.get("classesPatched"));
        counters.put("holderClasses", holders == null ? 0L : holders.size());
        counters.put("dynamicHolders", holders == null ? 0L : holders.dynamicCount());
        counters.put("holdersRetransformed", retransformed.get("holdersRetransformed"));
        counters.put("siteClassesRetransformed", retransformed.get("siteClassesRetransformed"));
        counters.put("classesMovedToHolders", migration.moved());
        counters.putAll(transformer.statistics());
        return counters;
    }

    /** {@link #repatch} as the callback {@link Holders#repatchStale} takes: a class, not a method reference (start path). */
    private final class Repatcher implements Consumer<List<Class<?>>> {
        @Override
        public void accept(List<Class<?>> live) {
            repatch(live);
        }
    }
}
