package dev.statickeys.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.context.WebApplicationContext;

/**
 * The starter in a JVM started with {@code -javaagent} on the agent jar (failsafe; the backend comes from
 * {@code it.statickeys.backend}, one run per backend): the endpoint reports the agent, its backend and the
 * sites of a key, a flip through the endpoint patches the site, and a flip through the agent's MXBean (a
 * channel outside the API) reaches the Micrometer meters through the flip listener.
 */
@SpringBootTest(classes = WebTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.MOCK,
        properties = "management.endpoints.web.exposure.include=statickeys")
class StaticKeysAgentIT {
    private static final String BACKEND = System.getProperty("it.statickeys.backend", "holder");

    @Autowired
    private WebApplicationContext context;

    private MockMvc mvc;

    @BeforeEach
    void mockMvc() {
        mvc = WebTestApplication.mockMvc(context);
    }

    @Autowired
    private MeterRegistry registry;

    @Test
    void theEndpointShowsTheAgentItsBackendAndTheSitesOfAKey() throws Exception {
        assertThat(AgentSite.answer()).isEqualTo("off"); // loads the class with the site
        mvc.perform(get("/actuator/statickeys"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.agentActive", is(true)))
                .andExpect(jsonPath("$.backend", is(BACKEND)))
                .andExpect(jsonPath("$.keys['agent.site'].sites", greaterThanOrEqualTo(1)))
                .andExpect(jsonPath("$.keys['agent.site'].classes", greaterThanOrEqualTo(1)));
    }

    @Test
    void flipsThroughTheEndpointAndThroughJmxPatchTheSiteAndReachTheMeters() throws Exception {
        assertThat(AgentSite.answer()).isEqualTo("off");
        mvc.perform(post("/actuator/statickeys/agent.site").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"enabled\": true}"))
                .andExpect(status().isNoContent());
        assertThat(AgentSite.answer()).isEqualTo("on");
        mvc.perform(get("/actuator/statickeys/agent.site")).andExpect(jsonPath("$.flips", is(1)));

        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName bean = new ObjectName("dev.statickeys:type=StaticKeys");
        await().atMost(Duration.ofSeconds(10)).until(() -> server.isRegistered(bean));
        server.invoke(bean, "disable", new Object[] {"agent.site"}, new String[] {String.class.getName()});
        assertThat(AgentSite.answer()).isEqualTo("off");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            Counter flips = registry.find(StaticKeysMeters.FLIPS).tag("key", "agent.site").counter();
            assertThat(flips).isNotNull();
            assertThat(flips.count()).isEqualTo(2.0);
        });
        assertThat(registry.get(StaticKeysMeters.FLIP_DURATION).tag("key", "agent.site").timer().count()).isEqualTo(2);
        assertThat(registry.get(StaticKeysMeters.ENABLED).tag("key", "agent.site").gauge().value()).isZero();
    }
}
