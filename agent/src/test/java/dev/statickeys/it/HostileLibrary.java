package dev.statickeys.it;

import dev.statickeys.StaticKey;
import dev.statickeys.testing.Reachability;
import java.lang.instrument.Instrumentation;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.AccessibleObject;
import java.lang.reflect.Field;
import java.lang.reflect.InaccessibleObjectException;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;

/**
 * Application code, loaded by {@link IsolationIT} in a child class loader of its own, that tries every way a
 * library has to reach the agent's {@code Instrumentation} or its mutable state. It answers in JDK types
 * only: each attempt's outcome as lines of text, which the test checks.
 */
public final class HostileLibrary {
    private HostileLibrary() {}

    /**
     * Walks from {@code roots} (class names, loaded through this class's loader, plus a key of its own) and
     * answers {@code found} (paths to an Instrumentation), {@code refused} (count), {@code visited},
     * {@code truncated}.
     */
    public static Map<String, Object> walk(List<String> roots) {
        Reachability walk = new Reachability(Instrumentation.class::isInstance, 200_000);
        walk.walk("a StaticKey", StaticKey.defineFalse("isolation.hostile"));
        for (String name : roots) {
            try {
                walk.walk(name, Class.forName(name, true, HostileLibrary.class.getClassLoader()));
            } catch (ClassNotFoundException e) {
                throw new AssertionError("a visible class is missing: " + name, e);
            }
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("found", List.copyOf(walk.found()));
        answer.put("refused", walk.refused().size());
        answer.put("refusedInCore", walk.refused().stream().filter(refusal -> refusal.reason().contains(" dev.statickeys.agent.")
                && !refusal.reason().contains(" dev.statickeys.agent.boot.")).map(Object::toString).toList());
        answer.put("refusedSample", walk.refused().stream().limit(20).map(Object::toString).toList());
        answer.put("visited", walk.visited());
        answer.put("truncated", walk.truncated());
        return answer;
    }

    /** The names in {@code names} that the system class loader (or this class's loader) can load. */
    public static List<String> loadableByName(List<String> names) {
        List<String> loadable = new ArrayList<>();
        for (String name : names) {
            for (ClassLoader loader : new ClassLoader[] {ClassLoader.getSystemClassLoader(), HostileLibrary.class.getClassLoader()}) {
                try {
                    Class.forName(name, false, loader);
                    loadable.add(name + " through " + loader);
                } catch (ClassNotFoundException e) {
                    // isolated, as it should be
                }
            }
            if (ClassLoader.getSystemResource(name.replace('.', '/') + ".class") != null) {
                loadable.add(name + " as a resource of the system class loader");
            }
        }
        return loadable;
    }

    /**
     * Core classes reached the ways a library can reach them (the getClass() of the trampoline's entry
     * object, the member behind a Bridge capability, and by name through the layer's loader), then
     * {@code setAccessible} on every member of each, and {@code Module.addOpens}: the lines say
     * what happened; any line starting with {@code ALLOWED} is a hole.
     */
    public static List<String> openCoreClasses(List<String> coreNamesToTry) throws Exception {
        List<String> outcomes = new ArrayList<>();
        Class<?> holder = Class.forName("dev.statickeys.agent.boot.Trampoline$Core");
        Field entryField = holder.getDeclaredField("ENTRY");
        entryField.setAccessible(true); // the trampoline is in the unnamed module: allowed, and holds no agent type
        Object entry = entryField.get(null);
        List<Class<?>> reached = new ArrayList<>();
        reached.add(entry.getClass());
        Field define = Class.forName("dev.statickeys.agent.boot.Bridge").getDeclaredField("DEFINE");
        define.setAccessible(true); // allowed (unnamed module), and holds a capability
        try {
            Member behind = MethodHandles.reflectAs(Member.class, (MethodHandle) define.get(null));
            reached.add(behind.getDeclaringClass());
        } catch (IllegalArgumentException e) {
            // A bound handle is not a direct one: it cannot be cracked into the member behind it.
            outcomes.add("Bridge's handles cannot be cracked: " + e.getMessage());
        }
        ClassLoader layerLoader = entry.getClass().getClassLoader();
        for (String name : coreNamesToTry) {
            reached.add(Class.forName(name, false, layerLoader));
        }
        for (Class<?> type : reached) {
            outcomes.add(type.getName() + " in " + type.getModule() + ": reached");
            List<AccessibleObject> members = new ArrayList<>(List.of(type.getDeclaredFields()));
            members.addAll(List.of(type.getDeclaredMethods()));
            members.addAll(List.of(type.getDeclaredConstructors()));
            for (AccessibleObject member : members) {
                try {
                    member.setAccessible(true);
                    outcomes.add("ALLOWED setAccessible on " + member);
                } catch (InaccessibleObjectException e) {
                    outcomes.add("refused setAccessible on " + member);
                }
            }
            try {
                type.getModule().addOpens(type.getPackageName(), HostileLibrary.class.getModule());
                outcomes.add("ALLOWED addOpens " + type.getPackageName());
            } catch (IllegalCallerException e) {
                outcomes.add("refused addOpens " + type.getPackageName());
            }
        }
        // The entry's public apply(), called without setAccessible: its package is not exported.
        Method apply = entry.getClass().getMethod("apply", Object.class, Object.class);
        try {
            apply.invoke(entry, "premain", new Object[] {null, null});
            outcomes.add("ALLOWED Method.invoke on " + apply);
        } catch (IllegalAccessException e) {
            outcomes.add("refused Method.invoke on " + apply);
        }
        return outcomes;
    }

    /**
     * The trampoline and the core's service provider called with a null and a fake Instrumentation:
     * the lines say what each call did; {@code fake calls} counts the methods the agent called on the fakes
     * (it must call none: it must not start a second agent on them).
     */
    @SuppressWarnings("unchecked")
    public static List<String> callEntryPoints() throws Exception {
        List<String> outcomes = new ArrayList<>();
        AtomicInteger fakeCalls = new AtomicInteger();
        Instrumentation fake = (Instrumentation) Proxy.newProxyInstance(HostileLibrary.class.getClassLoader(),
                new Class<?>[] {Instrumentation.class}, (proxy, method, args) -> {
                    fakeCalls.incrementAndGet();
                    throw new UnsupportedOperationException(method.getName());
                });
        Class<?> trampoline = Class.forName("dev.statickeys.agent.boot.Trampoline");
        for (String entry : List.of("premain", "agentmain")) {
            for (Instrumentation instrumentation : new Instrumentation[] {null, fake}) {
                String call = entry + "(" + (instrumentation == null ? "null" : "fake") + ")";
                try {
                    trampoline.getMethod(entry, String.class, Instrumentation.class).invoke(null, "backend=inline", instrumentation);
                    outcomes.add(call + " returned");
                } catch (java.lang.reflect.InvocationTargetException e) {
                    outcomes.add(call + " threw " + e.getCause());
                }
            }
        }
        // The provider itself, found through the layer as ServiceLoader finds it.
        Class<?> holder = Class.forName("dev.statickeys.agent.boot.Trampoline$Core");
        Field entryField = holder.getDeclaredField("ENTRY");
        entryField.setAccessible(true);
        ModuleLayer layer = entryField.get(null).getClass().getModule().getLayer();
        for (BiFunction<String, Object[], Object> provider : ServiceLoader.load(layer, BiFunction.class)) {
            for (Instrumentation instrumentation : new Instrumentation[] {null, fake}) {
                String call = provider.getClass().getName() + ".apply(premain, " + (instrumentation == null ? "null" : "fake") + ")";
                try {
                    Object result = provider.apply("premain", new Object[] {"backend=inline", instrumentation});
                    outcomes.add(call + " returned " + result);
                } catch (RuntimeException e) {
                    outcomes.add(call + " threw " + e);
                }
            }
        }
        outcomes.add("fake calls " + fakeCalls.get());
        return outcomes;
    }

    /**
     * Tries the entry points that were public before the agent was isolated, on key {@code names[0]} (count 0):
     * each line says what is gone or how the attempt was refused.
     */
    public static List<String> formerEntryPoints(List<String> names) throws Exception {
        String name = names.get(0);
        ClassLoader loader = HostileLibrary.class.getClassLoader();
        Class<?> bridge = Class.forName("dev.statickeys.agent.boot.Bridge", true, loader);
        Class<?> anchor = Class.forName("dev.statickeys.holders.Anchor", true, loader);
        Class<?> linkage = Class.forName("dev.statickeys.internal.Linkage", true, loader);
        Class<?> presets = Class.forName("dev.statickeys.internal.Presets", true, loader);
        List<String> lines = new ArrayList<>();
        for (String gone : List.of("lock", "cell", "sync")) {
            lines.add("Bridge " + (hasMethod(bridge, gone) ? "still has " : "has no ") + gone);
        }
        lines.add("Anchor " + (hasMethod(anchor, "callSite") ? "still has" : "has no") + " callSite");
        lines.add("Linkage " + (hasMethod(linkage, "install") ? "still has" : "has no") + " install");
        lines.add("Presets " + (hasMethod(presets, "install") ? "still has" : "has no") + " install");
        lines.add("Bridge.define " + outcome(() -> bridge.getMethod("define", String.class, boolean.class, boolean.class)
                .invoke(null, "bad name", false, true), "refused an invalid name"));
        lines.add("Bridge.update " + outcome(() -> bridge.getMethod("update", String.class, String.class)
                .invoke(null, name, "SET"), "refused operation SET"));
        java.lang.reflect.Method update = bridge.getMethod("update", String.class, String.class);
        update.invoke(null, name, "INCREMENT");
        update.invoke(null, name, "INCREMENT");
        lines.add("Bridge.update DISABLE at count 2 " + outcome(() -> update.invoke(null, name, "DISABLE"), "refused"));
        java.util.function.IntSupplier count = (java.util.function.IntSupplier) bridge
                .getMethod("define", String.class, boolean.class, boolean.class).invoke(null, name, false, false);
        lines.add("count after the refusals: " + count.getAsInt());
        update.invoke(null, name, "DECREMENT");
        update.invoke(null, name, "DECREMENT");
        lines.add("Anchor.reader " + outcome(() -> anchor.getMethod("reader", java.lang.invoke.MethodHandles.Lookup.class,
                String.class, Class.class, String.class).invoke(null, null, "reader", Object.class, "no.such.key"),
                "of an unknown key refused"));
        linkage.getMethod("classInitialized", Class.class).invoke(null, String.class);
        lines.add("Linkage.classInitialized(String) did nothing");
        lines.add("Bridge.preset " + outcome(() -> bridge.getMethod("preset", String.class, Boolean.class)
                .invoke(null, "k:x", true), "of an invalid name refused"));
        Class<?> trampoline = Class.forName("dev.statickeys.agent.boot.Trampoline", true, loader);
        lines.add("Trampoline.capabilities after start: " + trampoline.getMethod("capabilities").invoke(null));
        String[] known = (String[]) bridge.getMethod("knownNames").invoke(null);
        lines.add("knownNames all follow the rule: " + java.util.Arrays.stream(known)
                .allMatch(known1 -> known1.matches("[A-Za-z0-9._-]{1,200}")));
        return lines;
    }

    // A JDK type: this class is loaded alone into its own loader, its nested classes are not.
    private static String outcome(java.util.concurrent.Callable<?> attempt, String refusal) {
        try {
            attempt.call();
            return "ALLOWED (expected: " + refusal + ")";
        } catch (java.lang.reflect.InvocationTargetException e) {
            return refusal + ": " + e.getCause().getClass().getSimpleName();
        } catch (Exception e) {
            return refusal + ": " + e.getClass().getSimpleName();
        }
    }

    private static boolean hasMethod(Class<?> type, String name) {
        for (java.lang.reflect.Method method : type.getDeclaredMethods()) {
            if (method.getName().equals(name)) {
                return true;
            }
        }
        return false;
    }
}
