package dev.statickeys.agent.jvm;

import dev.statickeys.agent.Reports;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Running frames. A frame that is executing a method while its class is retransformed keeps the old
 * bytecode and runs in the interpreter until it returns. Before a flip retransforms classes whose sites
 * are inline, this looks for threads running their methods ({@link RunningFrames}), among the classes
 * with a method that may loop ({@link ClassTable#mayLoop}): a frame of any other class runs each of its
 * instructions at most once more, so it cannot stay long in old code, and the search, a safepoint that
 * walks every thread's stack, is not made for it. Each class found running is
 * moved to the holder form in the same retransformation, so it is the last time a flip retransforms it,
 * and the frames are named in a warning: they keep the state they started with. Where holders cannot be
 * used the class stays inline and the warning says so. Called under the flip lock; loads no class.
 */
final class HolderMigration {
    private final Holders holders;
    private final ClassForms forms;
    private final ClassTable classes;
    private final AtomicLong moved = new AtomicLong();

    /** @param holders the holder classes, or null when there are none */
    HolderMigration(Holders holders, ClassForms forms, ClassTable classes) {
        this.holders = holders;
        this.forms = forms;
        this.classes = classes;
    }

    /** Moves those of {@code inline} (classes with inline sites) that threads are running to holders. */
    void moveRunning(List<Class<?>> inline) {
        List<Class<?>> mayLoop = new ArrayList<>();
        for (Class<?> type : inline) {
            if (classes.mayLoop(type)) {
                mayLoop.add(type);
            }
        }
        if (mayLoop.isEmpty()) {
            return; // no frame of these classes can run long on their code: no stack walk at a safepoint
        }
        for (Map.Entry<Class<?>, List<String>> running : RunningFrames.of(mayLoop).entrySet()) {
            Class<?> type = running.getKey();
            String frames = String.join("; ", running.getValue());
            String warning = "class " + type.getName() + " is being retransformed for a flip while " + frames
                    + ". Those frames keep the key states they started with and run in the interpreter until"
                    + " they return";
            if (holders != null && holders.knownUsableFrom(type)) {
                forms.switchTo(type, SiteForm.HOLDER);
                moved.incrementAndGet();
                warning += ". The class's sites now call per-key holders, so later flips do not retransform it"
                        + " again (see README, \"Backends\").";
            } else {
                warning += "; holder classes are not usable from this class, so its sites stay inline.";
            }
            Reports.once("running:" + type.getName() + "@" + System.identityHashCode(type), Level.WARNING, warning);
        }
    }

    /** Classes moved to holders since start. */
    long moved() {
        return moved.get();
    }
}
