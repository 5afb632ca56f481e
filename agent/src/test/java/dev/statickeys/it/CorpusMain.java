package dev.statickeys.it;

import dev.statickeys.StaticKey;
import dev.statickeys.testing.SiteCorpus;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Runs every corpus method of a compiled corpus directory through every combination of its keys'
 * states, flipping them through the API, and prints one line per call: {@code Class#method states ->
 * outcome}. Run without the agent it gives the unpatched classes' outcomes; {@link SiteCorpusIT} runs it
 * under the agent and compares. The order of flips, class initializations and calls is fixed, so both
 * runs see the same states at every step.
 */
public final class CorpusMain {
    private CorpusMain() {}

    public static void main(String[] args) throws Exception {
        run(Path.of(args[0])).forEach(System.out::println);
    }

    /** A loader for the corpus classes that can tell which of them were loaded. */
    static final class CorpusLoader extends URLClassLoader {
        CorpusLoader(Path classes) throws IOException {
            super("corpus", new URL[] {classes.toUri().toURL()}, CorpusMain.class.getClassLoader());
        }

        boolean loaded(String name) {
            return findLoadedClass(name) != null;
        }
    }

    static List<String> run(Path classes) throws Exception {
        return run(new CorpusLoader(classes), topLevel(classes));
    }

    static List<String> run(CorpusLoader loader, List<String> topLevel) throws Exception {
        List<StaticKey> shared = SiteCorpus.sharedKeys();
        SiteCorpus.set(shared, SiteCorpus.defaults(shared));
        List<Class<?>> classes = new ArrayList<>();
        for (String name : topLevel) {
            classes.add(Class.forName(name, true, loader));
        }
        Set<StaticKey> touched = new LinkedHashSet<>(shared);
        List<String> lines = new ArrayList<>();
        for (int step = 0; step < 1 << shared.size(); step++) {
            int sharedStates = step ^ step >> 1; // Gray code: one flip per step
            SiteCorpus.set(shared, sharedStates);
            for (Class<?> type : classes) {
                List<StaticKey> own = SiteCorpus.ownKeys(type);
                touched.addAll(own);
                for (int ownStep = 0; ownStep < 1 << own.size(); ownStep++) {
                    int ownStates = ownStep ^ ownStep >> 1;
                    SiteCorpus.set(own, ownStates);
                    String states = SiteCorpus.describe(shared, sharedStates)
                            + (own.isEmpty() ? "" : " " + SiteCorpus.describe(own, ownStates));
                    for (Method method : SiteCorpus.methodsOf(type)) {
                        lines.add(type.getSimpleName() + "#" + method.getName() + " " + states + " -> "
                                + SiteCorpus.outcome(method));
                    }
                }
            }
        }
        List<StaticKey> all = new ArrayList<>(touched);
        SiteCorpus.set(all, SiteCorpus.defaults(all)); // the next run in this JVM starts where this one did
        return lines;
    }

    static List<String> topLevel(Path classes) throws IOException {
        try (Stream<Path> files = Files.walk(classes)) {
            return files.map(file -> classes.relativize(file).toString())
                    .filter(file -> file.endsWith(".class") && !file.contains("$"))
                    .map(file -> file.substring(0, file.length() - ".class".length()).replace(java.io.File.separatorChar, '.'))
                    .sorted().collect(Collectors.toList());
        }
    }
}
