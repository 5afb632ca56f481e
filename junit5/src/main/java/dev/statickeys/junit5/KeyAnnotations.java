package dev.statickeys.junit5;

import dev.statickeys.internal.core.KeyNames;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * What the annotations ask of one test: the levels they sit on, least specific first, and the states
 * that result. Read the same way by the extension (to flip) and by {@link StaticKeyLocks} (to lock).
 */
final class KeyAnnotations {
    private KeyAnnotations() {}

    /** The keys one class, interface or method names, as written. */
    record Level(String element, List<String> enabled, List<String> disabled) {
    }

    /**
     * The levels that apply to {@code method} of {@code testClass} run inside {@code enclosing} (outermost
     * first): each enclosing class's hierarchy, the test class's hierarchy, then the method. Levels that
     * name no key are left out.
     */
    static List<Level> levels(List<Class<?>> enclosing, Class<?> testClass, Method method) {
        List<Level> levels = new ArrayList<>();
        for (Class<?> type : classes(enclosing, testClass)) {
            addLevel(levels, describe(type), type);
        }
        addLevel(levels, describe(method), method);
        return levels;
    }

    private static void addLevel(List<Level> levels, String element, AnnotatedElement annotated) {
        List<String> enabled = Annotations.declared(annotated, EnableKeys.class).stream()
                .flatMap(a -> Arrays.stream(a.value())).collect(Collectors.toList());
        List<String> disabled = Annotations.declared(annotated, DisableKeys.class).stream()
                .flatMap(a -> Arrays.stream(a.value())).collect(Collectors.toList());
        if (!enabled.isEmpty() || !disabled.isEmpty()) {
            levels.add(new Level(element, enabled, disabled));
        }
    }

    /** Every class whose annotations apply to a test of {@code testClass}, least specific first. */
    private static Set<Class<?>> classes(List<Class<?>> enclosing, Class<?> testClass) {
        Set<Class<?>> classes = new LinkedHashSet<>();
        for (Class<?> outer : enclosing) {
            classes.addAll(Annotations.hierarchy(outer));
        }
        classes.addAll(Annotations.hierarchy(testClass));
        return classes;
    }

    /** Every name on every level, valid or not, in order of appearance. */
    static Set<String> names(List<Level> levels) {
        Set<String> names = new LinkedHashSet<>();
        for (Level level : levels) {
            names.addAll(level.enabled());
            names.addAll(level.disabled());
        }
        return names;
    }

    /**
     * The state each named key is to have (true: enabled), the most specific level winning.
     *
     * @throws ExtensionConfigurationException for an invalid name, naming the annotation, its element
     *         and the name; for a key both enabled and disabled on one level, naming the key, the
     *         element and both annotations
     */
    static Map<String, Boolean> states(List<Level> levels) {
        for (Level level : levels) {
            checkNames("@EnableKeys", level.element(), level.enabled());
            checkNames("@DisableKeys", level.element(), level.disabled());
        }
        Map<String, Boolean> states = new LinkedHashMap<>();
        for (Level level : levels) {
            for (String name : level.disabled()) {
                if (level.enabled().contains(name)) {
                    throw new ExtensionConfigurationException("static key \"" + name + "\" is named by both @EnableKeys"
                            + " and @DisableKeys on " + level.element() + "; one level can enable or disable a key,"
                            + " not both");
                }
            }
            level.enabled().forEach(name -> states.put(name, true));
            level.disabled().forEach(name -> states.put(name, false));
        }
        return states;
    }

    private static void checkNames(String annotation, String element, List<String> names) {
        for (String name : names) {
            try {
                KeyNames.check(name);
            } catch (IllegalArgumentException e) {
                throw new ExtensionConfigurationException(annotation + " on " + element + ": " + e.getMessage(), e);
            }
        }
    }

    /**
     * Whether a test takes a {@link KeySwitch}: as a parameter of the test method, or of a
     * {@code @BeforeEach} or {@code @AfterEach} method that runs around it.
     */
    static boolean takesSwitch(List<Class<?>> enclosing, Class<?> testClass, Method method) {
        if (hasSwitchParameter(method)) {
            return true;
        }
        for (Class<?> type : classes(enclosing, testClass)) {
            for (Method declared : type.getDeclaredMethods()) {
                if (hasSwitchParameter(declared) && (Annotations.isAnnotated(declared, BeforeEach.class)
                        || Annotations.isAnnotated(declared, AfterEach.class))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean hasSwitchParameter(Method method) {
        return Arrays.asList(method.getParameterTypes()).contains(KeySwitch.class);
    }

    /** Whether {@link StaticKeyLocks} is declared as a lock provider anywhere that applies to the test. */
    static boolean locksDeclared(List<Class<?>> enclosing, Class<?> testClass, Method method) {
        if (declaresLocks(method)) {
            return true;
        }
        for (Class<?> type : classes(enclosing, testClass)) {
            if (declaresLocks(type)) {
                return true;
            }
        }
        return false;
    }

    private static boolean declaresLocks(AnnotatedElement element) {
        return Annotations.declared(element, ResourceLock.class).stream()
                .anyMatch(lock -> Arrays.asList(lock.providers()).contains(StaticKeyLocks.class));
    }

    private static String describe(Class<?> type) {
        return (type.isInterface() ? "interface " : "class ") + type.getName();
    }

    private static String describe(Method method) {
        String parameters = Arrays.stream(method.getParameterTypes()).map(Class::getSimpleName)
                .collect(Collectors.joining(", "));
        return "method " + method.getDeclaringClass().getName() + "#" + method.getName() + "(" + parameters + ")";
    }
}
