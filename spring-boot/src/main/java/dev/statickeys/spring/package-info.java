/**
 * The Spring Boot starter: {@code StaticKeysAutoConfiguration} with the {@code statickeys} actuator endpoint,
 * key states from {@code statickeys.keys.*} properties, Micrometer meters per key, and keys bound to the
 * application's OpenFeature provider.
 *
 * <p>What it may use: the statickeys API, Spring Boot and Spring Framework (logging through its commons-logging
 * bridge), and optionally Micrometer and {@code statickeys-openfeature} with the OpenFeature SDK.
 */
package dev.statickeys.spring;
