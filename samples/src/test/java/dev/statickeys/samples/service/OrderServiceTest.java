package dev.statickeys.samples.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.statickeys.StaticKey;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The service in this JVM, without the agent: sites are plain checks with the same semantics. */
class OrderServiceTest {
    private static final String ORDER = "{\"customer\":\"alice\",\"sku\":\"ABC-1234\",\"quantity\":3,\"unitPriceCents\":250}";
    private static final String BAD_ORDER = "{\"customer\":\"Alice!\",\"sku\":\"abc\",\"quantity\":1,\"unitPriceCents\":5}";

    private static OrderService service;
    private static ServiceClient client;

    @BeforeAll
    static void start() throws Exception {
        service = OrderService.start(0);
        client = new ServiceClient(service.port());
    }

    @AfterAll
    static void stop() {
        service.stop();
    }

    @AfterEach
    void allKeysOff() {
        // Keys are JVM-wide: leave every test with all of them at count 0.
        for (StaticKey key : ServiceKeys.ALL) {
            while (key.count() > 0) {
                key.decrement();
            }
        }
    }

    @Test
    void aCreatedOrderIsReadBackWithItsIdAndTotal() throws Exception {
        Map<String, String> created = FlatJson.parse(client.expect(201, "POST", "/orders", ORDER));
        assertEquals("750", created.get("totalCents"));
        Map<String, String> read = FlatJson.parse(client.expect(200, "GET", "/orders/" + created.get("id"), null));
        assertEquals(created, read);
    }

    @Test
    void malformedJsonIsA400NamingTheOffset() throws Exception {
        ServiceClient.Response response = client.send("POST", "/orders", "{\"customer\":\"alice\",}");
        assertEquals(400, response.status());
        assertEquals("JSON: at offset 20 expected '\"', found '}'", response.body().strip());
    }

    @Test
    void aMissingOrOutOfRangeFieldIsA400NamingIt() throws Exception {
        assertEquals("order: field \"sku\" is missing or empty", client.send("POST", "/orders",
                "{\"customer\":\"alice\",\"quantity\":1,\"unitPriceCents\":5}").body().strip());
        assertEquals("order: field \"quantity\" is 0; expected 1 to 1000", client.send("POST", "/orders",
                ORDER.replace("\"quantity\":3", "\"quantity\":0")).body().strip());
    }

    @Test
    void unknownOrdersAndResourcesAre404AndWrongMethods405() throws Exception {
        assertEquals(new ServiceClient.Response(404, "no order 999999\n"), client.send("GET", "/orders/999999", null));
        assertEquals(404, client.send("GET", "/orders/abc", null).status());
        assertEquals(405, client.send("GET", "/orders", null).status());
        assertEquals(405, client.send("DELETE", "/orders/1", null).status());
    }

    @Test
    void theKeysPageListsEveryKeyAndThatTheAgentIsInactive() throws Exception {
        assertEquals("agent active: false\n"
                + "service.audit enabled=false count=0\n"
                + "service.tracing enabled=false count=0\n"
                + "service.validation enabled=false count=0\n", client.expect(200, "GET", "/admin/keys", null));
    }

    @Test
    void theAdminApiEnablesAndDisablesAKey() throws Exception {
        assertEquals("service.tracing enabled, count 1\n",
                client.expect(200, "POST", "/admin/keys/service.tracing/enable", null));
        assertTrue(ServiceKeys.TRACING.isEnabled());
        assertEquals("on/1", client.keys().get("service.tracing"));
        assertEquals("service.tracing disabled, count 0\n",
                client.expect(200, "POST", "/admin/keys/service.tracing/disable", null));
        assertFalse(ServiceKeys.TRACING.isEnabled());
    }

    @Test
    void anUnknownKeyIsA404NamingIt() throws Exception {
        assertEquals(new ServiceClient.Response(404,
                "no static key named 'service.nope' in this JVM; GET /admin/keys lists them\n"),
                client.send("POST", "/admin/keys/service.nope/enable", null));
    }

    @Test
    void aBadActionIsA400NamingTheGoodOnes() throws Exception {
        assertEquals(new ServiceClient.Response(400, "bad action 'toggle' for key 'service.audit'; use POST"
                + " /admin/keys/<name>/enable or /admin/keys/<name>/disable\n"),
                client.send("POST", "/admin/keys/service.audit/toggle", null));
        assertEquals(400, client.send("POST", "/admin/keys/service.audit", null).status());
        assertFalse(ServiceKeys.AUDIT.isEnabled());
    }

    @Test
    void anInvalidKeyNameIsA400WithTheApisRule() throws Exception {
        ServiceClient.Response response = client.send("POST", "/admin/keys/bad%20name/enable", null);
        assertEquals(400, response.status());
        assertTrue(response.body().contains("bad name"), response.body());
    }

    @Test
    void disablingAKeyTwoUsersHoldIsA409AndChangesNothing() throws Exception {
        ServiceKeys.AUDIT.increment();
        ServiceKeys.AUDIT.increment();
        ServiceClient.Response response = client.send("POST", "/admin/keys/service.audit/disable", null);
        assertEquals(409, response.status());
        assertTrue(response.body().contains("its count is 2"), response.body());
        assertEquals(2, ServiceKeys.AUDIT.count());
    }

    @Test
    void tracesAreRecordedOnlyWhileTracingIsOn() throws Exception {
        long before = counter("traces");
        client.expect(201, "POST", "/orders", ORDER);
        assertEquals(before, counter("traces"));
        ServiceKeys.TRACING.enable();
        client.expect(201, "POST", "/orders", ORDER);
        assertEquals(before + 1, counter("traces"));
        String traces = client.expect(200, "GET", "/admin/traces", null);
        assertTrue(traces.matches("(?s).*trace \\d+ POST /orders -> 201 in \\d+us \\[parsed \\+\\d+us, stored \\+\\d+us]"
                + " headers \\{.*Content-type=\\[application/json].*"), traces);
    }

    @Test
    void auditLinesAreWrittenOnlyWhileAuditIsOn() throws Exception {
        long before = counter("audit");
        client.expect(404, "GET", "/orders/424242", null);
        assertEquals(before, counter("audit"));
        ServiceKeys.AUDIT.enable();
        client.expect(404, "GET", "/orders/424242", null);
        assertEquals(before + 1, counter("audit"));
        assertTrue(client.expect(200, "GET", "/admin/audit", null).contains(" audit GET /orders/424242 from /127.0.0.1:"));
    }

    @Test
    void badOrdersAreRefusedOnlyWhileValidationIsOn() throws Exception {
        long before = counter("screened");
        client.expect(201, "POST", "/orders", BAD_ORDER);
        assertEquals(before, counter("screened"));
        ServiceKeys.VALIDATION.enable();
        assertEquals(new ServiceClient.Response(422, "order refused: customer \"Alice!\" does not match"
                + " [a-z][a-z0-9._-]{1,31}; sku \"abc\" does not match [A-Z]{3}-[0-9]{4}\n"),
                client.send("POST", "/orders", BAD_ORDER));
        client.expect(201, "POST", "/orders", ORDER);
        assertEquals(before + 2, counter("screened"));
    }

    @Test
    void anUnknownAdminEndpointIsA404ListingTheEndpoints() throws Exception {
        assertEquals(new ServiceClient.Response(404, "no admin endpoint GET /admin/nope; the endpoints are "
                + AdminHandler.ENDPOINTS + "\n"), client.send("GET", "/admin/nope", null));
    }

    @Test
    void theShutdownEndpointStopsTheService() throws Exception {
        OrderService other = OrderService.start(0);
        ServiceClient otherClient = new ServiceClient(other.port());
        assertEquals("shutting down\n", otherClient.expect(200, "POST", "/admin/shutdown", null));
        other.awaitStop();
        assertThrows(ScenarioException.class, () -> otherClient.send("GET", "/admin/keys", null));
    }

    private static long counter(String name) throws Exception {
        return Long.parseLong(client.stats().get(name));
    }
}
