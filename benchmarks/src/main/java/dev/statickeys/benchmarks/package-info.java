/**
 * The benchmark suite ({@code Suite}, run by {@code benchmarks/run}): JMH benchmarks of a site's cost per
 * tier, of flips against the JVM's floors, of class loading and start-up, the programs measured outside JMH
 * ({@code RunningLoopFlip}, {@code RecompilationCutoff}, {@code FleetFlipLatency}), and the report they produce.
 *
 * <p>What it may use: the statickeys API and {@code statickeys-openfeature}, JMH, the peers it compares
 * (Togglz, the OpenFeature SDK and flagd provider) and the JDK; it drives the agent only as a {@code -javaagent}.
 */
package dev.statickeys.benchmarks;
