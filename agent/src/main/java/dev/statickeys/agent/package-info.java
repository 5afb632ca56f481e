/**
 * The agent's start, inside its isolated module: {@code Entry} (the service the trampoline calls),
 * {@code Agent} (options, transformer, capabilities), {@code Capabilities} (the method handles the visible
 * classes hold), the options and key settings, the log queue and reports, and {@code Main} (the jar's tools).
 *
 * <p>What it may use: the JDK ({@code java.base}, {@code java.instrument}), the relocated generic core and the
 * agent's own packages.
 *
 * <p>The start path (premain, and the first class with a site) evaluates no lambda and no method reference,
 * here or in the packages below or in the relocated core: each is a class the JVM spins the first time it is
 * evaluated, about half a millisecond in a JVM that has just started (issue 19). Named classes and loops
 * instead; {@code DormantStartIT} lists any that come back. Code that runs later (flips, the tools, the
 * MXBean's operations) is free to use them.
 */
package dev.statickeys.agent;
