package dev.statickeys.junit5;

import java.lang.annotation.Annotation;
import java.lang.annotation.Repeatable;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Finding annotations the way the extension needs them: declared on one element (directly, in their
 * repeatable container, or on an annotation of the user's, at any depth), and the levels of a class
 * hierarchy one at a time, so a subclass can override its superclass.
 */
final class Annotations {
    private Annotations() {}

    /**
     * The annotations of {@code type} declared on {@code element}: present, in their container, or
     * meta-present through other annotations. Inherited ones are not included; walk {@link #hierarchy}.
     */
    static <A extends Annotation> List<A> declared(AnnotatedElement element, Class<A> type) {
        Repeatable repeatable = type.getAnnotation(Repeatable.class);
        Class<? extends Annotation> container = repeatable == null ? null : repeatable.value();
        List<A> found = new ArrayList<>();
        collect(element.getDeclaredAnnotations(), type, container, found, new HashSet<>());
        return found;
    }

    private static <A extends Annotation> void collect(Annotation[] annotations, Class<A> type,
            Class<? extends Annotation> container, List<A> found, Set<Class<?>> visited) {
        for (Annotation annotation : annotations) {
            Class<? extends Annotation> candidate = annotation.annotationType();
            if (candidate == type) {
                found.add(type.cast(annotation));
            } else if (candidate == container) {
                for (Annotation contained : contents(annotation)) {
                    found.add(type.cast(contained));
                }
            } else if (!candidate.getName().startsWith("java.lang.annotation.") && visited.add(candidate)) {
                collect(candidate.getDeclaredAnnotations(), type, container, found, visited);
            }
        }
    }

    private static Annotation[] contents(Annotation container) {
        try {
            return (Annotation[]) container.annotationType().getMethod("value").invoke(container);
        } catch (NoSuchMethodException | IllegalAccessException e) {
            throw new IllegalStateException("cannot read the container annotation " + container, e);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("cannot read the container annotation " + container, e.getCause());
        }
    }

    /**
     * {@code type}'s superclasses and interfaces, then {@code type} itself: least specific first, each
     * once. {@code Object} is left out.
     */
    static List<Class<?>> hierarchy(Class<?> type) {
        Set<Class<?>> levels = new LinkedHashSet<>();
        addHierarchy(type, levels);
        return new ArrayList<>(levels);
    }

    private static void addHierarchy(Class<?> type, Set<Class<?>> levels) {
        if (type == null || type == Object.class || levels.contains(type)) {
            return;
        }
        addHierarchy(type.getSuperclass(), levels);
        for (Class<?> implemented : type.getInterfaces()) {
            addHierarchy(implemented, levels);
        }
        levels.add(type);
    }

    /** Whether an annotation of {@code type} is present or meta-present on {@code element}. */
    static boolean isAnnotated(AnnotatedElement element, Class<? extends Annotation> type) {
        return !declared(element, type).isEmpty();
    }
}
