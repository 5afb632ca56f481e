package dev.statickeys.it;

import dev.statickeys.agent.boot.Bridge;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;

/**
 * A main for forked JVMs: loads class {@code args[0]} from the class directories {@code args[1..]} (each
 * with its own site table), timing the first load (which reads and merges the tables), then calls its
 * first and last method ({@code args} order: class, first method, last method, directories...) before
 * and after enabling {@link FlipMain#KEY}, and prints the agent's counters.
 */
public final class LargeTableMain {
    private LargeTableMain() {}

    public static void main(String[] args) throws Exception {
        URL[] path = new URL[args.length - 3];
        for (int i = 3; i < args.length; i++) {
            path[i - 3] = Path.of(args[i]).toUri().toURL();
        }
        URLClassLoader loader = new URLClassLoader("large-tables", path, LargeTableMain.class.getClassLoader());
        long start = System.nanoTime();
        Class<?> type = Class.forName(args[0], true, loader);
        long micros = (System.nanoTime() - start) / 1000;
        System.out.printf("first load of %s took %.1f ms%n", args[0], micros / 1e3);
        Object before = type.getMethod(args[1]).invoke(null) + "/" + type.getMethod(args[2]).invoke(null);
        FlipMain.KEY.enable();
        Object after = type.getMethod(args[1]).invoke(null) + "/" + type.getMethod(args[2]).invoke(null);
        System.out.println("sites before/after enable: " + before + " " + after);
        System.out.println("statistics: " + Bridge.statistics());
    }
}
