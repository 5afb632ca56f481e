package dev.statickeys.internal.core;

/**
 * A rate-limited handle on one key ({@code static_key_deferred}): a decrement that would take the count
 * from 1 to 0 waits a delay on the control's {@link Clock}; an increment inside that window cancels it,
 * so a key that flaps faster than the delay causes no patching. Decrements that leave the count above 0
 * apply at once; a deferred decrement that finds the count at 0 is dropped. Every operation runs under
 * the flip lock, like any flip.
 */
public final class Deferred {
    private final KeyControl control;
    private final String name;
    private final long delayNanos;
    // Guarded by the flip lock.
    private int pending;
    private long generation;
    private Clock.Scheduled work;

    Deferred(KeyControl control, String name, long delayNanos) {
        this.control = control;
        this.name = name;
        this.delayNanos = delayNanos;
    }

    /** The key's name. */
    public String name() {
        return name;
    }

    /** The number of decrements waiting for the delay to pass. */
    public int pending() {
        return locked(() -> pending);
    }

    /**
     * Adds a user: cancels a pending decrement if there is one (the count and the sites stay as they
     * are), else increments the key.
     */
    public void increment() {
        locked(() -> {
            if (pending > 0) {
                pending--;
                if (pending == 0) {
                    cancelWork();
                }
            } else {
                control.increment(name);
            }
            return 0;
        });
    }

    /**
     * Removes a user: at once if the count stays above zero, else after the delay.
     *
     * @throws IllegalStateException if no user is left (the count minus the pending decrements is 0)
     */
    public void decrement() {
        locked(() -> {
            int count = control.count(name);
            int users = count - pending;
            if (users <= 0) {
                throw new IllegalStateException("cannot decrement deferred static key \"" + name + "\": its count is "
                        + count + " with " + pending + " decrement(s) pending");
            }
            if (users > 1) {
                control.decrement(name);
            } else {
                pending++;
                if (work == null) {
                    long scheduled = ++generation;
                    work = control.clock().schedule(() -> expire(scheduled), delayNanos);
                }
            }
            return 0;
        });
    }

    /** Applies every pending decrement now ({@code static_key_deferred_flush}). */
    public void flush() {
        locked(() -> {
            cancelWork();
            applyPending();
            return 0;
        });
    }

    /** Forgets pending decrements without applying them (the key is gone). Called under the flip lock. */
    void drop() {
        cancelWork();
        pending = 0;
    }

    private void expire(long scheduled) {
        try {
            locked(() -> {
                if (scheduled == generation && work != null) {
                    work = null;
                    applyPending();
                }
                return 0;
            });
        } catch (RuntimeException e) {
            // The key's patch was refused: the count stays where it was; nothing to retry on a timer thread.
        }
    }

    private void applyPending() {
        while (pending > 0) {
            pending--;
            if (control.count(name) > 0) {
                control.decrement(name);
            }
        }
    }

    private void cancelWork() {
        if (work != null) {
            work.cancel();
            work = null;
            generation++;
        }
    }

    private int locked(java.util.function.IntSupplier action) {
        control.core().refuseNested(name);
        return control.core().locked(action::getAsInt);
    }

    @Override
    public String toString() {
        return "Deferred[" + name + ", delay=" + delayNanos + " ns]";
    }
}
