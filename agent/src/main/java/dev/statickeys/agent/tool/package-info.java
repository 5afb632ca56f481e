/**
 * The agent jar's command-line tools: {@code sites} (print and verify the site tables of jars and class
 * directories, as text or JSON) and the attach command's client ({@code <pid> list|enable|disable}), which checks
 * its arguments before it attaches.
 *
 * <p>What it may use: the JDK ({@code jdk.attach} for the attach command), the relocated generic core and the
 * agent's {@code table}, {@code jvm} and {@code ops} packages.
 */
package dev.statickeys.agent.tool;
