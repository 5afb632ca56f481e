/**
 * The agent's start, inside its isolated module: {@code Entry} (the service the trampoline calls),
 * {@code Agent} (options, transformer, capabilities), {@code Capabilities} (the method handles the visible
 * classes hold), the options and key settings, the log queue and reports, and {@code Main} (the jar's tools).
 *
 * <p>What it may use: the JDK ({@code java.base}, {@code java.instrument}), the relocated generic core and the
 * agent's own packages.
 */
package dev.statickeys.agent;
