package dev.statickeys;

import java.time.Duration;

/**
 * Told about every flip of a key in this JVM: each patch operation that changed a key's state, whichever
 * channel asked for it (the API in any copy, a batch, a deferred decrement's timer, and with the agent
 * also JMX and the attach command). Count changes that cross no 0/1 edge (an increment from 1 to 2) and
 * refused operations are not flips. Register with {@link StaticKeys#addFlipListener}.
 *
 * <h2>Threads and order</h2>
 * Listeners are called on one daemon thread, {@code statickeys-flip-listeners}, never on the flipping
 * thread and never with the flip lock held: a listener may block, take locks or flip keys without
 * delaying or deadlocking a flip. Reports arrive in the order the flips were carried out, one at a time,
 * shortly after each flip returned; a flip of several keys in one operation ({@link StaticKeys#batch})
 * gives one call per key, with the same duration. An exception a listener throws is dropped: it never
 * affects the flip, other listeners or later reports. The thread ends after a second without reports and
 * pins no class loader while idle. At most 10,000 reports wait while a listener blocks; flips beyond that
 * are not reported, so a stuck listener cannot fill the heap: a listener that needs every flip must not
 * block for long.
 */
@FunctionalInterface
public interface FlipListener {
    /**
     * Key {@code key} flipped to {@code enabled}.
     *
     * @param patchTime how long patching the key's sites took (with the agent: the retransformation of
     *     the affected classes; without it: next to nothing, there is nothing to patch)
     */
    void flipped(String key, boolean enabled, Duration patchTime);
}
