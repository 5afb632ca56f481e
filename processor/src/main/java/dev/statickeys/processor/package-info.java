/**
 * The annotation processor ({@code KeyProcessor}): checks key declarations and uses while {@code javac}
 * compiles, and writes the site table {@code META-INF/statickeys/sites} by reading the generated class files
 * back ({@code ClassFileSites}, {@code SiteTableWriter}).
 *
 * <p>What it may use: {@code java.base}, {@code java.compiler} and {@code jdk.compiler} (the Compiler Tree API),
 * {@code dev.statickeys} and {@code dev.statickeys.internal.core}; no third-party library.
 */
package dev.statickeys.processor;
