/**
 * The visible part of the agent jar, loaded by the system class loader: {@code Trampoline} (premain, agentmain
 * and main, a few lines each), {@code CoreLayer} (the isolated module layer), {@code Bridge} (the API's link:
 * capabilities, never state) and the MXBean interface with its row type.
 *
 * <p>What it may use: JDK types only ({@code java.base}, {@code java.instrument}, {@code java.management}); it
 * reaches the isolated module only through the JDK's {@code ServiceLoader} and method handles.
 */
package dev.statickeys.agent.boot;
