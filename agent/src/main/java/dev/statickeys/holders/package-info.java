/**
 * The package of the per-key holder classes ({@code Key$<name>}), which the agent defines at run time in the
 * system class loader, and {@code Anchor}, the one class shipped here: it answers a holder's dynamic constant
 * with its key's call site invoker.
 *
 * <p>What it may use: JDK types and {@code dev.statickeys.agent.boot}. Visible to the application, so it holds
 * no state.
 */
package dev.statickeys.holders;
