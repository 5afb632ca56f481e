package dev.statickeys.samples.orders;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;

/**
 * Prints {@code listening on port <n> pid <pid>} once the application is ready: the line a supervisor (the
 * scenario's driver) waits for, with the port Tomcat chose when {@code server.port=0}. Nothing without a
 * web server (a MockMvc test).
 */
@Component
class ReadyLine implements ApplicationListener<ApplicationReadyEvent> {
    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        String port = event.getApplicationContext().getEnvironment().getProperty("local.server.port");
        if (port == null) {
            return;
        }
        System.out.println("listening on port " + port + " pid " + ProcessHandle.current().pid());
        System.out.flush();
    }
}
