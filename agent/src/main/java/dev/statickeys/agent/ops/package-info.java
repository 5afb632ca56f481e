/**
 * Operating the agent: the MXBean and its registration, JFR events, log lines, the watch for logging's
 * start, the build stamp, and the target side of the attach command (receiving a command, running it, replying).
 *
 * <p>What it may use: the JDK ({@code java.management}, {@code jdk.jfr}, {@code java.instrument}), the relocated
 * generic core, {@code dev.statickeys.agent.boot}, {@code dev.statickeys.agent.jvm} and the agent's start package.
 */
package dev.statickeys.agent.ops;
