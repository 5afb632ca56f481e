package dev.statickeys.agent.jvm;

import dev.statickeys.agent.Reports;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Running frames. A frame that is executing a method while its class is retransformed keeps the old
 * bytecode and runs in the interpreter until it returns. Before a flip retransforms classes whose sites
 * are inline, this looks for threads running their methods ({@link RunningFrames}); each such class is
 * moved to the holder form in the same retransformation, so it is the last time a flip retransforms it,
 * and the frames are named in a warning: they keep the state they started with. Where holders cannot be
 * used the class stays inline and the warning says so. Called under the flip lock; loads no class.
 */
final class HolderMigration {
    private final Holders holders;
    private final ClassForms forms;
    private final AtomicLong moved = new AtomicLong();

    /** @param holders the holder classes, or null when there are none */
    HolderMigration(Holders holders, ClassForms forms) {
        this.holders = holders;
        this.forms = forms;
    }

    /** Moves those of {@code inline} (classes with inline sites) that threads are running to holders. */
    void moveRunning(List<Class<?>> inline) {
        if (inline.isEmpty()) {
            return;
        }
        for (Map.Entry<Class<?>, List<String>> running : RunningFrames.of(inline).entrySet()) {
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
