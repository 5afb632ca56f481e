/**
 * The one site rule: which instructions of a method form a static key site ({@link
 * dev.statickeys.siterule.SiteRecognizer}), and what it hands on ({@link dev.statickeys.siterule.Site},
 * {@link dev.statickeys.siterule.KeyField}). The agent (patcher, scanner, table check, {@code sites} tool)
 * and the annotation processor (site table) both use it, each shading it with ASM under a package of its own.
 *
 * <p>What it may use: the JDK and ASM; nothing of the agent, the processor or the API.
 */
package dev.statickeys.siterule;
