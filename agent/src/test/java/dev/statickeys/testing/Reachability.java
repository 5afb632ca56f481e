package dev.statickeys.testing;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * What a hostile library can reach from some roots with plain reflection: static and instance fields
 * (through {@code setAccessible} wherever the JVM allows it), array elements, the entries of collections and
 * maps, the static fields of every class it meets (an object's class, a class value, a nested class), and the
 * member behind every direct method handle it meets ({@link MethodHandles#reflectAs}, which needs no
 * permission without a security manager). It records every object matching a target, with the path that
 * led there, and every place the JVM refused access.
 *
 * <p>Load this class in the class loader of the code whose view is wanted: access is decided by the caller's
 * module. Not thread-safe; one walk per instance.
 */
public final class Reachability {
    /** A path from a root to a value, for messages. */
    public record Step(String path, Object value) {}

    /** A refusal: where, and the JVM's reason. */
    public record Refusal(String path, String reason) {}

    private final Predicate<Object> target;
    private final int limit;
    private final Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Deque<Step> queue = new ArrayDeque<>();
    private final List<String> found = new ArrayList<>();
    private final List<Refusal> refused = new ArrayList<>();
    private boolean truncated;

    /**
     * @param target the objects to look for
     * @param limit  the most objects to visit; past it the walk stops and {@link #truncated()} says so
     */
    public Reachability(Predicate<Object> target, int limit) {
        this.target = target;
        this.limit = limit;
    }

    /** Walks from {@code root} (a class: its static fields; anything else: the object), named {@code name}. */
    public Reachability walk(String name, Object root) {
        enqueue(name, root);
        while (!queue.isEmpty()) {
            if (seen.size() > limit) {
                truncated = true;
                return this;
            }
            Step step = queue.poll();
            visit(step.path(), step.value());
        }
        return this;
    }

    /** The paths to every object matching the target. */
    public List<String> found() {
        return found;
    }

    /** Every refusal met, in walk order. */
    public List<Refusal> refused() {
        return refused;
    }

    /** Whether the walk stopped at its limit. */
    public boolean truncated() {
        return truncated;
    }

    /** How many distinct objects and classes were visited. */
    public int visited() {
        return seen.size();
    }

    private void enqueue(String path, Object value) {
        if (value != null && !leaf(value) && seen.add(value)) {
            queue.add(new Step(path, value));
        }
    }

    private static boolean leaf(Object value) {
        return value instanceof String || value instanceof Number || value instanceof Boolean
                || value instanceof Character;
    }

    private void visit(String path, Object value) {
        if (target.test(value)) {
            found.add(path + " = " + value.getClass().getName());
        }
        if (value instanceof Class<?>) {
            visitClass(path, (Class<?>) value);
            return;
        }
        enqueue(path + ".getClass()", value.getClass());
        if (value instanceof MethodHandle) {
            crack(path, (MethodHandle) value);
        }
        if (value.getClass().isArray()) {
            if (!value.getClass().getComponentType().isPrimitive()) {
                for (int i = 0; i < Array.getLength(value); i++) {
                    enqueue(path + "[" + i + "]", Array.get(value, i));
                }
            }
            return;
        }
        elements(path, value);
        for (Class<?> type = value.getClass(); type != null; type = type.getSuperclass()) {
            for (Field field : fields(path, type)) {
                if (!Modifier.isStatic(field.getModifiers())) {
                    read(path + "." + field.getName(), field, value);
                }
            }
        }
    }

    private void visitClass(String path, Class<?> type) {
        for (Field field : fields(path, type)) {
            if (Modifier.isStatic(field.getModifiers())) {
                read(path + "::" + field.getName(), field, null);
            }
        }
        Class<?>[] nested;
        try {
            nested = type.getDeclaredClasses();
        } catch (LinkageError | SecurityException e) {
            refused.add(new Refusal(path + ".getDeclaredClasses()", e.toString()));
            return;
        }
        for (Class<?> inner : nested) {
            enqueue(inner.getName(), inner);
        }
    }

    /** Collections and maps, through their public methods (what any code may call on them). */
    private void elements(String path, Object value) {
        try {
            if (value instanceof Map<?, ?>) {
                int i = 0;
                for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
                    enqueue(path + "{key " + i + "}", entry.getKey());
                    enqueue(path + "{" + entry.getKey() + "}", entry.getValue());
                    i++;
                }
            } else if (value instanceof Collection<?>) {
                int i = 0;
                for (Object element : (Collection<?>) value) {
                    enqueue(path + "{" + i++ + "}", element);
                }
            }
        } catch (RuntimeException e) {
            refused.add(new Refusal(path + " (iterating)", e.toString()));
        }
    }

    /** The method or field behind a direct handle, and its declaring class, as a hostile caller would get them. */
    private void crack(String path, MethodHandle handle) {
        try {
            Member member = MethodHandles.reflectAs(Member.class, handle);
            enqueue(path + " (reflectAs " + member + ")", member.getDeclaringClass());
        } catch (IllegalArgumentException | ClassCastException | SecurityException e) {
            // not a direct method handle (bound, adapted): nothing to crack
        }
    }

    private Field[] fields(String path, Class<?> type) {
        try {
            return type.getDeclaredFields();
        } catch (LinkageError | SecurityException e) {
            refused.add(new Refusal(path + " fields of " + type.getName(), e.toString()));
            return new Field[0];
        }
    }

    private void read(String path, Field field, Object owner) {
        boolean accessible;
        try {
            accessible = field.trySetAccessible();
        } catch (SecurityException e) {
            accessible = false;
        }
        if (!accessible) {
            refused.add(new Refusal(path, "setAccessible refused on " + field));
            return;
        }
        try {
            enqueue(path, field.get(owner));
        } catch (IllegalAccessException | RuntimeException | LinkageError e) {
            refused.add(new Refusal(path, e.toString()));
        }
    }
}
