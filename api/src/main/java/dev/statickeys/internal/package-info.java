/**
 * Not API: {@code Linkage}, which bytecode patched by the agent calls from static initializers, and
 * {@code Presets}, the starting states the JUnit 5 extension sets; both reach the JVM's key domain through
 * {@code DomainAccess}. Public only because other class loaders' code must call it; subject to change.
 *
 * <p>What it may use: {@code java.base} and the API's own package {@code dev.statickeys}.
 */
package dev.statickeys.internal;
