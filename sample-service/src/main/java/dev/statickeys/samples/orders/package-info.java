/**
 * The sample order service, a Spring Boot web application: three keys ({@code ServiceKeys}) guard tracing,
 * audit logging and an expensive validation in its controller; an optional flag file binds them to flagd.
 *
 * <p>What it may use: the statickeys API, Spring Boot (web, actuator, the statickeys starter), the flagd
 * OpenFeature provider and the JDK.
 */
package dev.statickeys.samples.orders;
