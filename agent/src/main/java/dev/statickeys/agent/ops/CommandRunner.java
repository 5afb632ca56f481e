package dev.statickeys.agent.ops;

import dev.statickeys.agent.boot.KeyStatus;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Runs a {@link Command} inside the target JVM. With the agent installed, through {@link StaticKeysBean}
 * (the agent's own flip path). Without it, when the application already uses the statickeys API, through
 * that API by reflection: keys are flipped as the application would flip them, and sites stay plain
 * checks, since the agent cannot take over keys created before it.
 */
public final class CommandRunner {
    private static final String STATIC_KEY = "dev.statickeys.StaticKey";
    private static final String STATIC_KEYS = "dev.statickeys.StaticKeys";

    private CommandRunner() {}

    /**
     * The answer's status and text for {@code command}, run through the installed agent. A flip takes the
     * flip lock (reentrantly if the caller holds it, as {@link CommandWorker} does).
     */
    public static Command.Answer run(Command command, StaticKeysBean bean) {
        try {
            switch (command.operation()) {
                case "list":
                    return new Command.Answer(0, list(bean));
                case "enable":
                    bean.enable(command.key());
                    break;
                default:
                    bean.disable(command.key());
                    break;
            }
            KeyStatus key = bean.key(command.key());
            return new Command.Answer(0, command.operation() + "d " + key.getName() + ": now "
                    + (key.isEnabled() ? "enabled" : "disabled") + ", count " + key.getCount() + "\n");
        } catch (IllegalArgumentException | IllegalStateException e) {
            return new Command.Answer(1, e.getMessage() + "\n");
        }
    }

    static String list(StaticKeysBean bean) {
        StringBuilder out = new StringBuilder();
        out.append("statickeys agent: backend ").append(bean.getBackend()).append('\n');
        out.append(String.format(Locale.ROOT, "%-32s %-8s %5s %-8s %6s %7s %5s  %s%n", "KEY", "STATE", "COUNT",
                "DEFAULT", "SITES", "CLASSES", "FLIPS", "LAST FLIP"));
        for (KeyStatus key : bean.getKeys()) {
            String last = key.getFlips() == 0 ? "-" : Instant.ofEpochMilli(key.getLastFlipTime()) + " ("
                    + String.format(Locale.ROOT, "%.2f ms, %d class%s", key.getLastFlipMicros() / 1e3,
                    key.getLastFlipClasses(), key.getLastFlipClasses() == 1 ? "" : "es") + ")";
            out.append(String.format(Locale.ROOT, "%-32s %-8s %5d %-8s %6d %7d %5d  %s%n", key.getName(),
                    key.isEnabled() ? "enabled" : "disabled", key.getCount(),
                    key.isDefaultEnabled() ? "enabled" : "disabled", key.getSites(), key.getClassesWithSites(),
                    key.getFlips(), last));
        }
        return out.toString();
    }

    /**
     * Runs {@code command} through every copy of the API in {@code loaded} (classes named
     * {@value #STATIC_KEYS}), or returns null if there is none.
     */
    public static Command.Answer runThroughApi(Command command, List<Class<?>> loaded) {
        if (loaded.isEmpty()) {
            return null;
        }
        StringBuilder out = new StringBuilder("statickeys agent: not installed at start-up; keys are flipped through"
                + " the application's statickeys API and its sites stay plain checks\n");
        boolean found = command.key() == null;
        try {
            for (Class<?> api : loaded) {
                found |= runThroughApi(command, api, out);
            }
        } catch (ReflectiveOperationException e) {
            Throwable cause = e instanceof InvocationTargetException ? e.getCause() : e;
            return new Command.Answer(1, out + String.valueOf(cause.getMessage()) + "\n");
        }
        if (!found) {
            return new Command.Answer(1, out + "no static key named \"" + command.key() + "\" is defined in this JVM\n");
        }
        return new Command.Answer(0, out.toString());
    }

    private static boolean runThroughApi(Command command, Class<?> api, StringBuilder out)
            throws ReflectiveOperationException {
        if (command.key() == null) {
            for (Object key : (List<?>) api.getMethod("all").invoke(null)) {
                out.append(describe(key)).append('\n');
            }
            return true;
        }
        Optional<?> key = (Optional<?>) api.getMethod("find", String.class).invoke(null, command.key());
        if (key.isEmpty()) {
            return false;
        }
        Object found = key.get();
        found.getClass().getMethod(command.operation()).invoke(found);
        out.append(command.operation()).append("d ").append(describe(found)).append('\n');
        return true;
    }

    private static String describe(Object key) throws ReflectiveOperationException {
        Method count = key.getClass().getMethod("count");
        Method name = key.getClass().getMethod("name");
        int value = (int) count.invoke(key);
        return name.invoke(key) + ": " + (value > 0 ? "enabled" : "disabled") + ", count " + value;
    }

    /**
     * The API's {@code StaticKeys} class for every loaded copy of {@code StaticKey}: the application's own
     * class from the loader that loaded its keys, so nothing the application would not load is loaded.
     */
    public static List<Class<?>> apiClasses(Class<?>[] loaded) {
        List<Class<?>> api = new ArrayList<>();
        for (Class<?> type : loaded) {
            if (STATIC_KEY.equals(type.getName())) {
                try {
                    api.add(Class.forName(STATIC_KEYS, true, type.getClassLoader()));
                } catch (ClassNotFoundException | LinkageError e) {
                    // a copy of the API without StaticKeys cannot be driven; the others still are
                }
            }
        }
        return api;
    }
}
