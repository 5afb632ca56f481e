package dev.statickeys.spring;

import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

/** The application of the endpoint tests: auto-configuration only, no component scan. */
@Configuration(proxyBeanMethods = false)
@EnableAutoConfiguration
class WebTestApplication {

    /**
     * MockMvc on the test's context, built with Spring Framework's own builder rather than Spring Boot's
     * {@code @AutoConfigureMockMvc}: that annotation moved between Spring Boot 3 and 4
     * ({@code org.springframework.boot.test.autoconfigure.web.servlet} to
     * {@code org.springframework.boot.webmvc.test.autoconfigure}), and these tests run on both from one
     * compiled test jar (module spring-boot-3-test). The endpoint needs nothing of what the annotation adds.
     */
    static MockMvc mockMvc(WebApplicationContext context) {
        return MockMvcBuilders.webAppContextSetup(context).build();
    }
}
