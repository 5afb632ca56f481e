package dev.statickeys.agent.jvm;

import dev.statickeys.agent.Reports;
import dev.statickeys.internal.core.ConcurrentMaps;
import dev.statickeys.internal.core.KeyRecord;
import dev.statickeys.internal.core.KeyRegistry;
import dev.statickeys.holders.Anchor;
import java.lang.System.Logger.Level;
import java.lang.instrument.Instrumentation;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MutableCallSite;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Consumer;

/**
 * The per-key holder classes: one tiny class per key, {@code dev.statickeys.holders.Key$<name>}, whose
 * {@code static boolean isEnabled()} returns the key's applied state. Sites in the holder form call it.
 *
 * <p>Holders are ordinary (retransformable, non-hidden) classes defined next to the agent's empty
 * {@link Anchor} class, in the class loader that loaded the agent: the system class loader. Every class
 * loader that delegates to it sees them (the class path, and the usual child loaders of application
 * servers, Spring Boot and test frameworks). Classes of a loader that does not get inline sites: the
 * transformer judges from the loader's resources ({@link #reachableFrom}), and the class is checked
 * again when it is initialized ({@link #usableFrom}). The application never loads anything for
 * holders: a holder is defined by the agent, once, when the first class with a site of its key is
 * transformed.
 *
 * <p>The boot class loader would be visible from more loaders, but appending to the boot class path
 * makes HotSpot turn off class data sharing for every other loader and print a warning, a startup cost
 * we do not impose.
 *
 * <p>A holder is registered with the core as a live class holding a patched site of its key, so a
 * flip re-patches it like any other class: the core does not know holders exist. After
 * {@code flipBudget} re-patches a holder reads its key's {@code MutableCallSite} instead ({@link #publish}).
 */
public final class Holders {
    /** Indexes of a holder's class files in {@link #bytesByHolder}. */
    private static final int CONSTANT_FALSE = 0;
    private static final int CONSTANT_TRUE = 1;
    private static final int DYNAMIC = 2;

    private final MethodHandles.Lookup lookup;
    private final Class<?> anchor;
    private final String prefix;
    private final KeyRegistry keys;
    private final ClassTable classes;
    private final Instrumentation instrumentation;
    private final ConcurrentHashMap<String, String> holderByKey = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, String> keyByHolder = new ConcurrentHashMap<>();
    /** The same, by binary name ({@code Class.getName()}): a flip looks holders up without building names. */
    private final ConcurrentHashMap<String, String> keyByHolderBinaryName = new ConcurrentHashMap<>();
    /**
     * Each holder's class files, made once per form (constant false, constant true, dynamic): a flip hands
     * the JVM a copy instead of writing the class again. The forms never change for a holder name.
     */
    private final ConcurrentHashMap<String, AtomicReferenceArray<byte[]>> bytesByHolder = new ConcurrentHashMap<>();
    /**
     * Keys whose holder the JVM refused to define or to re-patch: their sites no longer call it, and classes
     * loaded later patch them inline rather than try again.
     */
    private final Set<String> refused = ConcurrentHashMap.newKeySet();
    /** Constant re-patches per key; past {@code flipBudget} the holder reads its call site. */
    private final Map<String, Integer> repatches = new ConcurrentHashMap<>();
    private final int flipBudget;
    private final String anchorResource;
    private final String anchorName;
    /** {@link #prefix} with dots: the package prefix of holders' binary names. */
    private final String binaryPrefix;
    /** Each key's call site, read by its holder once the holder is past its flip budget. */
    private final ConcurrentHashMap<String, MutableCallSite> callSites = new ConcurrentHashMap<>();
    /** Keys whose holder a thread is defining now. */
    private final Set<String> defining = ConcurrentHashMap.newKeySet();
    /** Holders found stale when they became live, until the backend re-patches them. */
    private final StaleHolders stale = new StaleHolders();
    private final Map<ClassLoader, Boolean> visibleFrom = Collections.synchronizedMap(new WeakHashMap<>());
    private final Map<ClassLoader, Boolean> resourceVisibleFrom = Collections.synchronizedMap(new WeakHashMap<>());

    /**
     * Holders defined through {@code lookup} (which needs package access), in its class's package and
     * loader.
     *
     * @param instrumentation used to let named modules read the holders' module; null to skip that
     * @param flipBudget how many times a holder is re-patched before it reads its state dynamically
     */
    Holders(MethodHandles.Lookup lookup, KeyRegistry keys, ClassTable classes, Instrumentation instrumentation,
            int flipBudget) {
        this.lookup = lookup;
        this.anchor = lookup.lookupClass();
        String name = anchor.getName().replace('.', '/');
        this.prefix = name.substring(0, name.lastIndexOf('/') + 1);
        this.anchorResource = name + ".class";
        this.anchorName = name;
        this.binaryPrefix = prefix.replace('/', '.');
        this.keys = keys;
        this.classes = classes;
        this.instrumentation = instrumentation;
        this.flipBudget = flipBudget;
    }

    /** Holders in the agent's own class loader (the system class loader), next to {@link Anchor}. */
    static Holders inAgentLoader(Instrumentation instrumentation, KeyRegistry keys, ClassTable classes,
            int flipBudget) throws IllegalAccessException {
        return new Holders(MethodHandles.privateLookupIn(Anchor.class, MethodHandles.lookup()), keys, classes,
                instrumentation, flipBudget);
    }

    /**
     * The holder of {@code key} (internal name), defined now if it does not exist yet, or null if it
     * cannot be defined (reported once). Safe inside {@code transform}: it defines a class of its own
     * but loads none of the application's.
     */
    String ensure(String key, boolean initialValue) {
        if (refused.contains(key)) {
            return null;
        }
        String holder = holderByKey.get(key);
        return holder != null ? holder : define(key, initialValue);
    }

    /** Whether the JVM has refused any holder. */
    boolean anyRefused() {
        return !refused.isEmpty();
    }

    /** Whether {@code key} has a holder its sites may call. */
    boolean has(String key) {
        return holderByKey.containsKey(key) && !refused.contains(key);
    }

    /**
     * Gives up the holder of {@code holder}'s key, which the JVM refused to re-patch: from now on
     * {@link #ensure} answers null for the key, so classes loaded later patch its sites inline. Returns
     * the key.
     */
    String refuse(Class<?> holder) {
        String key = keyByHolderBinaryName.get(holder.getName());
        refused.add(key);
        return key;
    }

    /**
     * Defines the holder of {@code key}, which {@link #ensure} just found missing: another thread may have
     * defined it since, and then that one is the answer.
     */
    String define(String key, boolean initialValue) {
        // No lock is held here: this runs inside transform, on the class-loading path. A second thread
        // defining the same key's holder meanwhile gets null (its class patches the key inline). The holder
        // is made with the applied state and registered as loaded before it is defined; it becomes live
        // right after, and if a flip came in between it is stale and waits in `stale` for the backend to
        // re-patch it (JvmBackend.classInitialized). Only then is it published in holderByKey: every class
        // whose sites call it is transformed afterwards, so its initialization finds the stale holder
        // queued and waits until it is re-patched (StaleHolders). Re-patching here is not possible: the
        // JVM does not call transformers for a retransformation requested inside a transformer.
        if (!defining.add(key)) {
            return holderByKey.get(key);
        }
        try {
            // Another thread may have defined it between ensure's look and `defining`: defining it again
            // would fail, and undoing that failure would unregister the live holder.
            String holder = holderByKey.get(key);
            return holder != null ? holder : defineNow(key, initialValue);
        } finally {
            defining.remove(key);
        }
    }

    /** Defines the holder of {@code key}, which nobody has defined, while holding {@code defining}'s entry. */
    private String defineNow(String key, boolean initialValue) {
        String holder = HolderClass.nameOf(prefix, key);
        try {
            boolean state = keys.forSite(key, initialValue).applied();
            classes.loaded(anchor.getClassLoader(), holder, Map.of(key, state), Set.of(), false);
            keyByHolder.put(holder, key);
            keyByHolderBinaryName.put(holder.replace('/', '.'), key);
            // Through the cache: the transformer asks for the same bytes while the class is defined.
            Class<?> defined = lookup.defineClass(bytesOf(holder, key, state ? CONSTANT_TRUE : CONSTANT_FALSE, state));
            ClassTable.Patched patched = classes.live(defined);
            if (patched != null && patched.staleIn(keys)) {
                stale.add(defined);
            }
            holderByKey.put(key, holder);
            return holder;
        } catch (IllegalAccessException | RuntimeException | LinkageError e) {
            keyByHolder.remove(holder);
            keyByHolderBinaryName.remove(holder.replace('/', '.'));
            refused.add(key); // a failure to define is for good (a class of that name exists, or cannot)
            Reports.once("holder:" + key, Level.WARNING, "static key \"" + key + "\": its holder class could not be"
                    + " defined (" + e + "); its sites are patched inline instead");
            return null;
        }
    }

    /**
     * A reader of key {@code key}'s call site (its dynamic invoker), for its holder's static initializer;
     * the call site itself never leaves this class.
     *
     * @throws IllegalArgumentException if {@code key} has no holder
     */
    MethodHandle reader(String key) {
        if (!holderByKey.containsKey(key)) {
            throw new IllegalArgumentException("static key \"" + key + "\" has no holder class");
        }
        return callSite(key).dynamicInvoker();
    }

    /**
     * Re-patches, with {@code repatch}, the holders that were stale when they became live, or waits while
     * another thread does ({@link StaleHolders}).
     */
    void repatchStale(Consumer<List<Class<?>>> repatch) {
        stale.repatch(repatch);
    }

    /** Whether {@code type} is one of these holders. */
    boolean owns(Class<?> type) {
        return type.getClassLoader() == anchor.getClassLoader() && type.getName().startsWith(binaryPrefix)
                && keyByHolderBinaryName.containsKey(type.getName());
    }

    /** Whether {@code className} (internal form) in {@code loader} is one of these holders. */
    boolean owns(ClassLoader loader, String className) {
        return loader == anchor.getClassLoader() && className.startsWith(prefix) && keyByHolder.containsKey(className);
    }

    /** Whether {@code className} (internal form) is in the holders' package. */
    boolean inPackage(ClassLoader loader, String className) {
        return loader == anchor.getClassLoader() && className.startsWith(prefix);
    }

    /**
     * The class file of holder {@code className} for its key's current applied state: a copy (the JVM, or
     * another agent's transformer after this one, gets an array of its own) of the bytes made the first
     * time the holder took that form.
     */
    byte[] currentBytes(String className) {
        String key = keyByHolder.get(className);
        KeyRecord record = keys.get(key);
        boolean state = record.applied();
        int form = isDynamic(key) ? DYNAMIC : state ? CONSTANT_TRUE : CONSTANT_FALSE;
        return bytesOf(className, key, form, state).clone();
    }

    /** Holder {@code className}'s class file in {@code form}, made on first use ({@code state} of a constant form). */
    private byte[] bytesOf(String className, String key, int form, boolean state) {
        AtomicReferenceArray<byte[]> forms = bytesByHolder.get(className); // start path: no lambda here
        if (forms == null) {
            forms = ConcurrentMaps.kept(bytesByHolder, className, new AtomicReferenceArray<>(3));
        }
        byte[] bytes = forms.get(form);
        if (bytes == null) {
            bytes = HolderClass.bytes(className, anchorName, key, state, form == DYNAMIC);
            forms.compareAndSet(form, null, bytes); // two threads make equal bytes; either may stay
        }
        return bytes;
    }

    /**
     * Points the call site of {@code key} at its applied state; compiled code that folded it is invalidated.
     * The state is read and written under the call site's monitor: a stale holder re-patched without the
     * flip lock ({@link StaleHolders}) and a flip may publish at once, and the later one must win.
     */
    private void publishCallSite(String key) {
        MutableCallSite site = callSite(key);
        synchronized (site) {
            site.setTarget(Targets.of(keys.get(key).applied()));
            MutableCallSite.syncAll(new MutableCallSite[] {site});
        }
    }

    /**
     * The call site of {@code key}, made with its applied state the first time it is needed: when its
     * holder is about to read it (past {@code flipBudget}), or by the holder's first read, whichever comes
     * first. Holders that never get there never pay for {@code java.lang.invoke}'s call sites.
     */
    private MutableCallSite callSite(String key) {
        return callSites.computeIfAbsent(key, k -> new MutableCallSite(Targets.of(keys.get(k).applied())));
    }

    /** The two targets of every call site, made when the first call site is. */
    private static final class Targets {
        static final MethodHandle FALSE = MethodHandles.constant(boolean.class, false);
        static final MethodHandle TRUE = MethodHandles.constant(boolean.class, true);

        static MethodHandle of(boolean state) {
            return state ? TRUE : FALSE;
        }
    }

    /**
     * Publishes the applied state of {@code holder}'s key to its call site, once the holder reads one, and
     * says whether the holder must also be retransformed: not once it reads the call site. The
     * retransformation after {@code flipBudget} constant ones switches it to reading the call site, because
     * each retransformation deoptimizes every compiled method that inlined the holder, and HotSpot stops
     * compiling a method for good after {@code PerMethodRecompilationCutoff} (400) of those; call site
     * changes deoptimize too but are not counted. Called under the flip lock, or for a holder that was
     * stale when defined ({@link StaleHolders}).
     */
    boolean publish(Class<?> holder) {
        String key = keyByHolderBinaryName.get(holder.getName());
        if (isDynamic(key)) {
            publishCallSite(key);
            return false;
        }
        int done = repatches.merge(key, 1, Integer::sum);
        if (done > flipBudget) {
            publishCallSite(key); // before the retransformation that installs the form reading it
            Reports.once("dynamic:" + key, Level.INFO, "static key \"" + key + "\" has flipped " + done
                    + " times (agent option flipBudget=" + flipBudget + "): its holder now reads a MutableCallSite"
                    + " instead of being re-patched, so later flips no longer count towards HotSpot's"
                    + " recompilation cutoff; see README, \"Frequent flips\"");
        }
        return true;
    }

    private boolean isDynamic(String key) {
        return repatches.getOrDefault(key, 0) > flipBudget;
    }

    /** The number of holders that read their state dynamically. */
    int dynamicCount() {
        return (int) repatches.values().stream().filter(done -> done > flipBudget).count();
    }

    /**
     * Whether {@link #usableFrom} said yes for {@code type}, from what it remembered: never loads a class,
     * so it may be called with the flip lock held. False for a class never checked.
     */
    boolean knownUsableFrom(Class<?> type) {
        ClassLoader loader = type.getClassLoader();
        if (loader != anchor.getClassLoader() && (loader == null || !Boolean.TRUE.equals(resourceVisibleFrom.get(loader))
                || !Boolean.TRUE.equals(visibleFrom.get(loader)))) {
            return false;
        }
        return !type.getModule().isNamed() || type.getModule().canRead(anchor.getModule());
    }

    /** The number of holder classes defined. */
    int size() {
        return holderByKey.size();
    }

    /**
     * Whether classes of {@code loader} are expected to reach the holders, judged inside
     * {@code transform} without loading anything: the loader finds the anchor's class file (filtering
     * loaders hide classes and resources alike). {@link #usableFrom} checks for real at initialization.
     */
    boolean reachableFrom(ClassLoader loader) {
        if (loader == anchor.getClassLoader()) {
            return true;
        }
        if (loader == null) {
            return false; // the boot loader does not see the system class loader's classes
        }
        Boolean reachable = resourceVisibleFrom.get(loader);
        if (reachable == null) {
            try {
                reachable = loader.getResource(anchorResource) != null;
            } catch (RuntimeException | LinkageError e) {
                reachable = false;
            }
            resourceVisibleFrom.put(loader, reachable);
        }
        return reachable;
    }

    /**
     * Whether the sites of {@code type} can call holders: its class loader finds the holders' package
     * (ordinary parent-first loaders do; some module systems filter the boot loader), and, if it lives in
     * a named module, that module reads the holders' module (a read edge is added here if missing).
     * Loads at most the anchor class, through the class's own loader; never call it with the flip lock
     * held.
     */
    boolean usableFrom(Class<?> type) {
        ClassLoader loader = type.getClassLoader();
        if (loader != anchor.getClassLoader()) {
            Boolean visible = visibleFrom.get(loader);
            if (visible == null) {
                visible = finds(loader);
                visibleFrom.put(loader, visible);
            }
            if (!visible) {
                return false;
            }
        }
        Module module = type.getModule();
        Module holders = anchor.getModule();
        if (module.isNamed() && !module.canRead(holders)) {
            if (instrumentation == null || !instrumentation.isModifiableModule(module)) {
                return false;
            }
            instrumentation.redefineModule(module, Set.of(holders), Map.of(), Map.of(), Set.of(), Map.of());
        }
        return true;
    }

    private boolean finds(ClassLoader loader) {
        try {
            return Class.forName(anchor.getName(), false, loader) == anchor;
        } catch (ClassNotFoundException | LinkageError | RuntimeException e) {
            return false;
        }
    }
}
