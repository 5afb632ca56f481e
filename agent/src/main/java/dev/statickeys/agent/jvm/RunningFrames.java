package dev.statickeys.agent.jvm;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Finds the threads that are running methods of given classes, from {@link Thread#getAllStackTraces()}
 * (one safepoint; platform threads only: virtual threads are not listed). A frame matches a class by
 * name and class loader name, so a same-named class in another unnamed loader also matches: the
 * answer errs towards "running". Static initializers are left out: they run once, so being
 * retransformed under them costs nothing later.
 */
final class RunningFrames {
    private RunningFrames() {}

    /** For each class some thread is executing a method of, a description of each such frame. */
    static Map<Class<?>, List<String>> of(Collection<Class<?>> classes) {
        Map<String, List<Class<?>>> byName = new HashMap<>();
        for (Class<?> type : classes) {
            byName.computeIfAbsent(type.getName(), n -> new ArrayList<>()).add(type);
        }
        Map<Class<?>, List<String>> running = new LinkedHashMap<>();
        for (Map.Entry<Thread, StackTraceElement[]> thread : Thread.getAllStackTraces().entrySet()) {
            for (StackTraceElement frame : thread.getValue()) {
                List<Class<?>> candidates = byName.get(frame.getClassName());
                if (candidates == null || frame.getMethodName().equals("<clinit>")) {
                    continue;
                }
                for (Class<?> type : candidates) {
                    if (Objects.equals(loaderName(type), frame.getClassLoaderName())) {
                        running.computeIfAbsent(type, t -> new ArrayList<>()).add(describe(thread.getKey(), frame));
                    }
                }
            }
        }
        return running;
    }

    private static String loaderName(Class<?> type) {
        ClassLoader loader = type.getClassLoader();
        return loader == null ? null : loader.getName();
    }

    private static String describe(Thread thread, StackTraceElement frame) {
        String where = frame.getFileName() == null ? "unknown source"
                : frame.getLineNumber() < 0 ? frame.getFileName() : frame.getFileName() + ":" + frame.getLineNumber();
        return "thread \"" + thread.getName() + "\" in " + frame.getClassName() + "." + frame.getMethodName()
                + "(" + where + ")";
    }
}
