package dev.statickeys.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.test.web.servlet.MvcResult;

/** Every status of {@code /actuator/statickeys} over HTTP, through MockMvc (without the agent). */
@SpringBootTest(classes = WebTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.MOCK,
        properties = "management.endpoints.web.exposure.include=statickeys")
class StaticKeysEndpointWebTest {
    @Autowired
    private WebApplicationContext context;

    private MockMvc mvc;

    @BeforeEach
    void mockMvc() {
        mvc = WebTestApplication.mockMvc(context);
    }

    @BeforeAll
    static void defineKeys() {
        WebKeys.define();
    }

    @Test
    void listShowsTheAgentTheBackendAndEveryKeySortedByName() throws Exception {
        MvcResult result = mvc.perform(get("/actuator/statickeys"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.agentActive", is(false)))
                .andExpect(jsonPath("$.backend", is("none")))
                .andExpect(jsonPath("$.keys['web.alpha'].enabled", is(false)))
                .andExpect(jsonPath("$.keys['web.beta'].enabled", is(true)))
                .andExpect(jsonPath("$.keys['web.beta'].defaultEnabled", is(true)))
                .andExpect(jsonPath("$.keys['web.held'].count", is(2)))
                .andExpect(jsonPath("$.keys['web.alpha'].sites", is(0)))
                .andExpect(jsonPath("$.keys['web.alpha'].classes", is(0)))
                .andExpect(jsonPath("$.keys['web.alpha'].flips", is(0)))
                .andReturn();
        List<String> names = new ArrayList<>(JsonBodies.keysOf(result.getResponse().getContentAsString()));
        assertThat(names).contains("web.alpha", "web.beta", "web.flip", "web.held").isSorted();
    }

    @Test
    void getOfOneKeyShowsIt() throws Exception {
        mvc.perform(get("/actuator/statickeys/web.beta"))
                .andExpect(status().isOk())
                .andExpect(content().json("{\"enabled\":true,\"count\":1,\"defaultEnabled\":true,\"sites\":0,"
                        + "\"classes\":0,\"flips\":0}", org.springframework.test.json.JsonCompareMode.STRICT));
    }

    @Test
    void getOfAnUnknownKeyIs404() throws Exception {
        mvc.perform(get("/actuator/statickeys/web.nothing"))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.message", is("no static key named \"web.nothing\"")));
    }

    @Test
    void getOfAnInvalidNameIs400StatingTheRule() throws Exception {
        mvc.perform(get("/actuator/statickeys/web:bad"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.message", containsString("expected 1 to 200 characters from [A-Za-z0-9._-]")));
    }

    @Test
    void postEnabledTrueThenFalseFlipsTheKeyAnd204() throws Exception {
        mvc.perform(post("/actuator/statickeys/web.flip").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"enabled\": true}"))
                .andExpect(status().isNoContent());
        assertThat(WebKeys.FLIP.isEnabled()).isTrue();
        mvc.perform(get("/actuator/statickeys/web.flip")).andExpect(jsonPath("$.flips", is(1)));
        mvc.perform(post("/actuator/statickeys/web.flip").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"enabled\": false}"))
                .andExpect(status().isNoContent());
        assertThat(WebKeys.FLIP.isEnabled()).isFalse();
    }

    @Test
    void postOfTheStateTheKeyIsInIs204AndChangesNothing() throws Exception {
        mvc.perform(post("/actuator/statickeys/web.beta").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"enabled\": true}"))
                .andExpect(status().isNoContent());
        assertThat(WebKeys.BETA.count()).isEqualTo(1);
    }

    @Test
    void postWithoutEnabledIs400() throws Exception {
        for (String body : List.of("{}", "{\"state\": \"on\"}")) {
            mvc.perform(post("/actuator/statickeys/web.alpha").contentType(MediaType.APPLICATION_JSON).content(body))
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.message", is("the body has no \"enabled\" member; expected"
                            + " {\"enabled\": true} or {\"enabled\": false}")));
        }
        assertThat(WebKeys.ALPHA.isEnabled()).isFalse();
    }

    @Test
    void postWithANonBooleanEnabledIs400() throws Exception {
        Map<String, String> bodies = Map.of(
                "{\"enabled\": \"yes\"}", "\"enabled\" is yes; expected true or false",
                "{\"enabled\": 1}", "\"enabled\" is 1; expected true or false",
                "{\"enabled\": \"TRUE\"}", "\"enabled\" is TRUE; expected true or false");
        for (Map.Entry<String, String> body : bodies.entrySet()) {
            mvc.perform(post("/actuator/statickeys/web.alpha").contentType(MediaType.APPLICATION_JSON)
                            .content(body.getKey()))
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.message", is(body.getValue())));
        }
        assertThat(WebKeys.ALPHA.isEnabled()).isFalse();
    }

    @Test
    void postWithABodyThatIsNotAJsonObjectIs400() throws Exception {
        for (String body : List.of("enabled=true", "{\"enabled\": {\"value\": true}}")) {
            mvc.perform(post("/actuator/statickeys/web.alpha").contentType(MediaType.APPLICATION_JSON).content(body))
                    .andExpect(status().isBadRequest());
        }
        assertThat(WebKeys.ALPHA.isEnabled()).isFalse();
    }

    @Test
    void postToAnInvalidNameIs400StatingTheRule() throws Exception {
        mvc.perform(post("/actuator/statickeys/web:bad").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"enabled\": true}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.message", containsString("invalid static key name \"web:bad\"")));
    }

    @Test
    void postToAnUnknownKeyIs404() throws Exception {
        mvc.perform(post("/actuator/statickeys/web.nothing").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"enabled\": true}"))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.message", is("no static key named \"web.nothing\"")));
    }

    @Test
    void disableOfAKeyHeldByTwoUsersIs409WithTheApisMessage() throws Exception {
        mvc.perform(post("/actuator/statickeys/web.held").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"enabled\": false}"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.message", is("cannot disable static key \"web.held\": its count is 2 (2 users"
                        + " hold it enabled); disable() only takes the count from 1 to 0, each user must call decrement()")));
        assertThat(WebKeys.HELD.count()).isEqualTo(2);
    }
}
