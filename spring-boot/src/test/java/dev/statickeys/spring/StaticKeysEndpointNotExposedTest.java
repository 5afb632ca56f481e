package dev.statickeys.spring;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.context.WebApplicationContext;

/** With Spring Boot's default exposure (health only) the endpoint cannot be reached. */
@SpringBootTest(classes = WebTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.MOCK)
class StaticKeysEndpointNotExposedTest {
    @Autowired
    private WebApplicationContext context;

    private MockMvc mvc;

    @BeforeEach
    void mockMvc() {
        mvc = WebTestApplication.mockMvc(context);
    }

    @Test
    void theEndpointIsNotReachableWhenTheApplicationDoesNotExposeIt() throws Exception {
        WebKeys.define();
        mvc.perform(get("/actuator/statickeys")).andExpect(status().isNotFound());
        mvc.perform(get("/actuator/statickeys/web.alpha")).andExpect(status().isNotFound());
        mvc.perform(post("/actuator/statickeys/web.alpha").contentType(MediaType.APPLICATION_JSON)
                .content("{\"enabled\": true}")).andExpect(status().isNotFound());
        mvc.perform(get("/actuator/health")).andExpect(status().isOk());
    }
}
