/**
 * Small runnable programs: {@code FlipDemo} (keys and sites under the agent) and {@code KernelDemo} (the x86
 * simulation step by step).
 *
 * <p>What it may use: the statickeys API, {@code statickeys-x86-simulation} and the JDK.
 */
package dev.statickeys.samples;
