/**
 * The generic core, like the kernel's {@code kernel/jump_label.c}: the key registry and names, the one key state
 * machine ({@code KeyControl}: counts, the flip lock, batches, deferred decrements), the jump-type truth table
 * ({@code JumpType}), the daemon threads every part starts, and the {@code Backend} hook an architecture
 * implements (the agent's JVM backend, the x86 simulation). It knows nothing of class files or machine code.
 *
 * <p>What it may use: {@code java.base} only. The agent carries it relocated; nothing here may depend on the API.
 */
package dev.statickeys.internal.core;
