/**
 * The annotation processor ({@code KeyProcessor}): checks key declarations and uses while {@code javac}
 * compiles, and writes the site table {@code META-INF/statickeys/sites} by reading the generated class files
 * back through the one site rule the agent uses ({@code ClassFileRecords}, {@code SiteTableWriter}).
 *
 * <p>What it may use: {@code java.base}, {@code java.compiler} and {@code jdk.compiler} (the Compiler Tree API),
 * {@code dev.statickeys} and {@code dev.statickeys.internal.core} (the api jar, a dependency), and the site
 * rule ({@code dev.statickeys.siterule}) with ASM, both shaded into the processor jar under
 * {@code dev.statickeys.processor.shaded}.
 */
package dev.statickeys.processor;
