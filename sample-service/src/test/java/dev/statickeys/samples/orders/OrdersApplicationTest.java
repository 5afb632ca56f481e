package dev.statickeys.samples.orders;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.statickeys.StaticKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The order service in-process, without the agent (the API's plain checks): orders, the work each key guards
 * and the admin pages. Under the agent the same service is driven by {@code ScenarioIT}.
 */
@SpringBootTest
@AutoConfigureMockMvc
class OrdersApplicationTest {
    static final String ORDER = "{\"customer\":\"alice\",\"sku\":\"ABC-1234\",\"quantity\":2,\"unitPriceCents\":1999}";

    @Autowired
    MockMvc mvc;
    @Autowired
    Tracer tracer;
    @Autowired
    AuditLog audit;
    @Autowired
    OrderValidator validator;

    @AfterEach
    void allKeysOff() {
        ServiceKeys.ALL.forEach(StaticKey::disable);
    }

    private long create(String json) throws Exception {
        String body = mvc.perform(post("/orders").contentType(MediaType.APPLICATION_JSON).content(json))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        return Long.parseLong(body.replaceAll(".*\"id\":(\\d+).*", "$1"));
    }

    @Test
    void theKeysStartAsConfigured() {
        for (StaticKey key : ServiceKeys.ALL) {
            assertEquals(0, key.count(), key.name());
        }
    }

    @Test
    void aCreatedOrderIsReadBackWithItsIdAndTotal() throws Exception {
        long id = create(ORDER);
        mvc.perform(get("/orders/" + id)).andExpect(status().isOk()).andExpect(jsonPath("$.id").value(id))
                .andExpect(jsonPath("$.totalCents").value(3998)).andExpect(jsonPath("$.customer").value("alice"));
    }

    @Test
    void aMissingOrOutOfRangeFieldIsA400NamingIt() throws Exception {
        mvc.perform(post("/orders").contentType(MediaType.APPLICATION_JSON).content("{\"customer\":\"alice\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string("order: field \"sku\" is missing or empty"));
        mvc.perform(post("/orders").contentType(MediaType.APPLICATION_JSON).content(ORDER.replace("\"quantity\":2",
                "\"quantity\":0"))).andExpect(status().isBadRequest())
                .andExpect(content().string("order: field \"quantity\" is 0; expected 1 to 1000"));
        mvc.perform(post("/orders").contentType(MediaType.APPLICATION_JSON).content("{\"customer\":"))
                .andExpect(status().isBadRequest());
    }

    @Test
    void anUnknownOrderIsA404() throws Exception {
        mvc.perform(get("/orders/999999")).andExpect(status().isNotFound())
                .andExpect(content().string("no order 999999"));
    }

    @Test
    void tracesAreRecordedOnlyWhileTracingIsOn() throws Exception {
        long before = tracer.count();
        create(ORDER);
        assertEquals(before, tracer.count());
        ServiceKeys.TRACING.enable();
        create(ORDER);
        assertEquals(before + 1, tracer.count());
        assertTrue(tracer.recent().get(tracer.recent().size() - 1).contains("POST /orders -> 201"),
                tracer.recent().toString());
    }

    @Test
    void auditLinesAreWrittenOnlyWhileAuditIsOn() throws Exception {
        long before = audit.count();
        create(ORDER);
        assertEquals(before, audit.count());
        ServiceKeys.AUDIT.enable();
        mvc.perform(get("/orders/999999")).andExpect(status().isNotFound());
        assertEquals(before + 1, audit.count());
        assertTrue(audit.last(1).get(0).contains(" audit GET /orders/999999 from "), audit.last(1).toString());
    }

    @Test
    void badOrdersAreRefusedOnlyWhileValidationIsOn() throws Exception {
        String bad = ORDER.replace("ABC-1234", "nope");
        create(bad);
        ServiceKeys.VALIDATION.enable();
        long screened = validator.checked();
        mvc.perform(post("/orders").contentType(MediaType.APPLICATION_JSON).content(bad))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().string("order refused: sku \"nope\" does not match [A-Z]{3}-[0-9]{4}"));
        assertEquals(screened + 1, validator.checked());
    }

    @Test
    void theStatsPageCountsTheGuardedWork() throws Exception {
        String stats = mvc.perform(get("/admin/stats")).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString();
        assertTrue(stats.matches("(?s)orders \\d+\ntraces \\d+\naudit \\d+\nscreened \\d+\nrefused \\d+\n"
                + "agentActive false\nloader \\S+\n"), stats);
    }
}
