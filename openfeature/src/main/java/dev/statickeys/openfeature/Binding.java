package dev.statickeys.openfeature;

import dev.statickeys.DeferredKey;
import dev.statickeys.StaticKey;
import java.lang.System.Logger.Level;
import java.util.ArrayDeque;

/**
 * One key bound to one flag: applies the flag's value to the key and keeps what the rules need (the
 * recent changes for the flap limit, the deferred handle, what was last reported). Confined to the
 * worker thread of its {@link StaticKeyFlags}, except {@link #view()}.
 */
final class Binding {
    private final StaticKey key;
    private final String flag;
    private final FlapLimit flapLimit;
    /** Times (System.nanoTime) of the flag's recent changes, oldest first, within the flap window. */
    private final ArrayDeque<Long> changes = new ArrayDeque<>();
    private DeferredKey deferred;
    private Boolean lastValue;
    /** The condition last reported (status and reason), so each is reported once until it changes. */
    private String reported = "";
    private volatile FlagBinding view;

    Binding(StaticKey key, String flag, FlapLimit flapLimit) {
        this.key = key;
        this.flag = flag;
        this.flapLimit = flapLimit;
        this.view = new FlagBinding(key.name(), flag, FlagBinding.Status.PENDING, "");
    }

    StaticKey key() {
        return key;
    }

    String flag() {
        return flag;
    }

    FlagBinding view() {
        return view;
    }

    /** Records a verdict that is not a value: the key is left as it is; reported once per condition. */
    void leave(Verdict verdict) {
        String state = key.isEnabled() ? "enabled" : "disabled";
        String why = verdict.status() == FlagBinding.Status.CONTEXT_DEPENDENT
                ? " depends on the evaluation context (reason " + verdict.reason()
                        + "); a static key has one value per JVM, so key \"" + key.name() + "\" is not bound to it"
                : " cannot be evaluated (" + verdict.detail() + ")";
        report(verdict.status(), verdict.reason(), verdict.detail(), Level.WARNING,
                "flag \"" + flag + "\"" + why + " and stays " + state);
        lastValue = null;
    }

    /**
     * Makes the key follow {@code value}: enable() when on, disable() when off, refused (reported once)
     * when other users hold the key, deferred when the flag flaps. Runs inside the caller's batch.
     *
     * @throws RuntimeException as the key's flip methods (a nested flip, a refused patch)
     */
    void follow(boolean value, long now) {
        if (lastValue != null && lastValue != value) {
            changes.addLast(now);
        }
        lastValue = value;
        long windowNanos = flapLimit.window().toNanos();
        while (!changes.isEmpty() && now - changes.peekFirst() > windowNanos) {
            changes.removeFirst();
        }
        int pending = deferred == null ? 0 : deferred.pending();
        if (value) {
            if (pending > 0) {
                // Inside the window: cancels the deferred disable, so the sites were never re-patched.
                deferred.increment();
            } else if (!key.isEnabled()) {
                key.enable();
            }
            following("value true");
            return;
        }
        if (pending > 0) {
            deferred("value false, disable already deferred");
            return;
        }
        if (!key.isEnabled()) {
            following("value false");
            return;
        }
        int count = key.count();
        if (count >= 2) {
            report(FlagBinding.Status.HELD, "count", "value false, count " + count, Level.WARNING,
                    "flag \"" + flag + "\" is off but key \"" + key.name() + "\" has count " + count
                            + " (other users hold it): disable refused, the key stays enabled");
            return;
        }
        if (changes.size() > flapLimit.changes()) {
            if (deferred == null) {
                deferred = DeferredKey.of(key, flapLimit.window());
            }
            deferred.decrement();
            deferred("value false, disable deferred by " + flapLimit.window());
            return;
        }
        key.disable();
        following("value false");
    }

    /** Applies a deferred disable now, if one waits. */
    void flush() {
        if (deferred != null && deferred.pending() > 0) {
            deferred.flush();
        }
    }

    /** Records that applying the flag's value threw; reported once per kind of failure. */
    void failed(RuntimeException e) {
        report(FlagBinding.Status.FAILED, e.getClass().getName(), String.valueOf(e.getMessage()), Level.WARNING,
                "key \"" + key.name() + "\" could not follow flag \"" + flag + "\": " + e
                        + "; the key is left as it is and the next change of the flag tries again");
        lastValue = null;
    }

    private void following(String detail) {
        view = new FlagBinding(key.name(), flag, FlagBinding.Status.FOLLOWING, detail);
        if (!reported.isEmpty()) {
            StaticKeyFlags.LOG.log(Level.INFO, "key \"" + key.name() + "\" follows flag \"" + flag + "\" again");
            reported = "";
        }
    }

    private void deferred(String detail) {
        report(FlagBinding.Status.DEFERRED, "flapping", detail, Level.INFO,
                "flag \"" + flag + "\" changed more than " + flapLimit.changes() + " times within "
                        + flapLimit.window() + ": disables of key \"" + key.name() + "\" wait "
                        + flapLimit.window() + " and a re-enable inside that time cancels them");
    }

    private void report(FlagBinding.Status status, String reason, String detail, Level level, String message) {
        // The view first: a reader that saw the message sees the status too.
        view = new FlagBinding(key.name(), flag, status, detail);
        String condition = status + ":" + reason;
        if (!condition.equals(reported)) {
            StaticKeyFlags.LOG.log(level, message);
            reported = condition;
        }
    }
}
