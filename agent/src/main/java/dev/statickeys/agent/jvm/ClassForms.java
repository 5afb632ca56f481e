package dev.statickeys.agent.jvm;

import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Which form each class's sites take: the form chosen for every class at load, and the classes switched
 * to another form since (held weakly). Thread-safe.
 */
final class ClassForms {
    private final SiteForm atLoad;
    private final Map<Class<?>, SiteForm> switched = Collections.synchronizedMap(new WeakHashMap<>());

    ClassForms(SiteForm atLoad) {
        this.atLoad = atLoad;
    }

    /** The form for classes being loaded. */
    SiteForm atLoad() {
        return atLoad;
    }

    /** The form of {@code type}'s sites; {@code null} means a class being loaded. */
    SiteForm of(Class<?> type) {
        return type == null ? atLoad : switched.getOrDefault(type, atLoad);
    }

    /** From the next transformation on, {@code type}'s sites take {@code form}. */
    void switchTo(Class<?> type, SiteForm form) {
        switched.put(type, form);
    }
}
