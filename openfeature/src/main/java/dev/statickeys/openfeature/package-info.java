/**
 * Keys that follow OpenFeature boolean flags: {@code StaticKeyFlags} binds keys to flags of a client, evaluates
 * them when the provider is ready or reports a change, and flips the keys in one batch; {@code FlapLimit}
 * defers the disables of flags that flap.
 *
 * <p>What it may use: the statickeys API, {@code dev.statickeys.internal.core} (its daemon threads), the
 * OpenFeature SDK and the JDK.
 */
package dev.statickeys.openfeature;
