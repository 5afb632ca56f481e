/**
 * The statickeys API, the only package applications compile against: {@code StaticKey} (define, check, flip),
 * {@code StaticKeys} (batches, look-ups, whether the agent is active), {@code DeferredKey}, {@code KeyInfo} and
 * {@code FlipListener}, over the JVM's key domain (the agent's when it is installed, else a local one).
 *
 * <p>What it may use: {@code java.base} and {@code dev.statickeys.internal.core}. The api jar has no dependencies.
 */
package dev.statickeys;
