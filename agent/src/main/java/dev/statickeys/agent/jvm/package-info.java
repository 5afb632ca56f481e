/**
 * The JVM backend: recognising sites in class files, patching them (holder calls or inline forms), the
 * per-key holder classes, the classes that hold live sites, and the retransformation of classes on a flip.
 *
 * <p>What it may use: the JDK, the relocated ASM, the relocated generic core and the agent's own packages
 * ({@code table}, {@code holders}, the start package); never classes of the application.
 */
package dev.statickeys.agent.jvm;
