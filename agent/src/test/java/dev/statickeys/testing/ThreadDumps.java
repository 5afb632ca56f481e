package dev.statickeys.testing;

import java.lang.management.LockInfo;
import java.lang.management.ManagementFactory;
import java.lang.management.MonitorInfo;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Collection;

/**
 * A thread dump for a failure message, as {@code jstack} prints it: deadlocked threads first, then every
 * thread with its whole stack, the lock it waits for and its owner, and the monitors and synchronizers it
 * holds. ({@link ThreadInfo#toString} would cut each stack at eight frames.)
 */
public final class ThreadDumps {
    private ThreadDumps() {}

    /** The dump, naming {@code stuck} (the threads a test waited for in vain) at the top. */
    public static String of(Collection<Thread> stuck) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        StringBuilder out = new StringBuilder();
        out.append("stuck: ");
        stuck.forEach(thread -> out.append('"').append(thread.getName()).append("\" "));
        long[] deadlocked = threads.findDeadlockedThreads();
        out.append("\ndeadlocked (ThreadMXBean.findDeadlockedThreads): ")
                .append(deadlocked == null ? "none" : Arrays.toString(deadlocked)).append('\n');
        for (ThreadInfo info : threads.dumpAllThreads(threads.isObjectMonitorUsageSupported(),
                threads.isSynchronizerUsageSupported())) {
            if (info != null) {
                append(out, info);
            }
        }
        return out.toString();
    }

    private static void append(StringBuilder out, ThreadInfo info) {
        out.append("\n\"").append(info.getThreadName()).append("\" #").append(info.getThreadId()).append(' ')
                .append(info.getThreadState());
        if (info.getLockName() != null) {
            out.append(" on ").append(info.getLockName());
        }
        if (info.getLockOwnerName() != null) {
            out.append(" owned by \"").append(info.getLockOwnerName()).append("\" #").append(info.getLockOwnerId());
        }
        out.append('\n');
        StackTraceElement[] stack = info.getStackTrace();
        MonitorInfo[] monitors = info.getLockedMonitors();
        for (int depth = 0; depth < stack.length; depth++) {
            out.append("\tat ").append(stack[depth]).append('\n');
            for (MonitorInfo monitor : monitors) {
                if (monitor.getLockedStackDepth() == depth) {
                    out.append("\t- locked ").append(monitor).append('\n');
                }
            }
        }
        LockInfo[] synchronizers = info.getLockedSynchronizers();
        if (synchronizers.length > 0) {
            out.append("\tlocked synchronizers: ").append(Arrays.toString(synchronizers)).append('\n');
        }
    }
}
