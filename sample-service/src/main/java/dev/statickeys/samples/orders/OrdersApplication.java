package dev.statickeys.samples.orders;

import java.util.Set;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * The order service: a Spring Boot web application with request tracing, audit logging and order
 * screening each behind a {@link ServiceKeys static key}. The keys are operated as a Spring Boot service is
 * operated: the {@code statickeys} actuator endpoint (statickeys-spring-boot-starter), a flag file read by
 * the flagd OpenFeature provider ({@link FlagFileConfiguration}), the agent's MXBean over JMX, and the
 * agent jar's attach command.
 *
 * <pre>
 * java -javaagent:statickeys-agent.jar -jar statickeys-sample-service.jar [--server.port=8080]
 *      [--orders.flag-file=flags.json]
 * </pre>
 * It listens on the loopback interface only (see {@code application.properties}); when it accepts requests it
 * prints one line, {@code listening on port <n> pid <pid>} ({@link ReadyLine}). It stops on {@code POST
 * /actuator/shutdown} or SIGTERM.
 */
@SpringBootApplication
public class OrdersApplication {
    public static void main(String[] args) {
        SpringApplication.run(OrdersApplication.class, args);
    }

    @Bean
    OrderStore orderStore() {
        return new OrderStore();
    }

    @Bean
    Tracer tracer() {
        return new Tracer();
    }

    @Bean
    AuditLog auditLog() {
        return new AuditLog();
    }

    @Bean
    OrderValidator orderValidator() {
        return new OrderValidator(Set.of());
    }
}
