package dev.statickeys.spring;

import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Configuration;

/** The application of the endpoint tests: auto-configuration only, no component scan. */
@Configuration(proxyBeanMethods = false)
@EnableAutoConfiguration
class WebTestApplication {
}
