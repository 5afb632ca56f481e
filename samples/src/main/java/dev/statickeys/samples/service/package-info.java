/**
 * The driver of the sample service ({@code Scenario}, the README's first command): starts the service under
 * the agent, drives it with HTTP requests, flips its keys through four channels (actuator, flag file, attach
 * command, JMX) and prints latency percentiles per phase.
 *
 * <p>What it may use: the JDK only ({@code java.net.http}, {@code java.management}, {@code jdk.attach}); it needs
 * no statickeys jar on its class path.
 */
package dev.statickeys.samples.service;
