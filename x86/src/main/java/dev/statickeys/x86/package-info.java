/**
 * The kernel's x86-64 code patching, simulated byte for byte: {@code .smp_locks} (LOCK-prefix patching for the
 * CPUs online) and {@code __jump_table} (static-branch JMP/NOP patching with verify-before-write and the INT3
 * batch protocol), on images from the simulation's own assembler and linker ({@link dev.statickeys.x86.Assembler},
 * {@link dev.statickeys.x86.Linker}) or linked by GNU ld ({@link dev.statickeys.x86.ElfImage}), run by simulated
 * CPUs ({@link dev.statickeys.x86.Cpu}) and checked in the tests against GNU objdump.
 *
 * <p>What it may use: the JDK and the generic core of the api jar ({@code dev.statickeys.internal.core}: the key
 * registry, the flip lock, the one key state machine), which it drives through the
 * {@link dev.statickeys.internal.core.Backend} hook ({@code X86JumpLabel}), as {@code arch/x86} is driven by
 * {@code kernel/jump_label.c}. Nothing of the agent: this package is a library for study and demos, never part of
 * the agent jar, and the agent never uses it.
 */
package dev.statickeys.x86;
