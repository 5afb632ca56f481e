package dev.statickeys;

/**
 * What this JVM knows about one key's sites and flips, as {@link StaticKey#statistics()} reads it; the
 * same numbers the agent's MXBean shows. Counts only grow; classes that were unloaded stay counted.
 *
 * @param sites branch sites in the loaded classes that hold sites of the key (0 without the agent: sites
 *     are plain calls, nothing records them)
 * @param classes loaded classes that hold sites of the key (0 without the agent)
 * @param flips patch operations that changed the key's state since the JVM started
 */
public record KeyStatistics(long sites, long classes, long flips) {}
