package dev.statickeys.samples.service;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The scenario's HTTP client for the order service: orders, its stats page, the statickeys actuator endpoint. Thread-safe
 * (one {@link HttpClient}, which pools its connections, shared by the load threads).
 */
final class ServiceClient {
    static final Duration TIMEOUT = Duration.ofSeconds(20);

    /** A response: its status and body text. */
    record Response(int status, String body) {}

    private final HttpClient http;
    private final String base;

    ServiceClient(int port) {
        // HTTP/1.1: the JDK's server does not speak HTTP/2, and an upgrade attempt would cost every request.
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT).build();
        this.base = "http://127.0.0.1:" + port;
    }

    /** Sends {@code method path} with {@code body} (null for none) and returns the response, whatever its status. */
    Response send(String method, String path, String body) throws ScenarioException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(TIMEOUT);
        if (body == null) {
            builder.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            builder.method(method, HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json");
        }
        HttpRequest request = builder.build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new ScenarioException("HTTP: " + method + " " + path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ScenarioException("HTTP: " + method + " " + path + " interrupted", e);
        }
    }

    /** As {@link #send}, but any status other than {@code expected} is a failure naming the response. */
    String expect(int expected, String method, String path, String body) throws ScenarioException {
        Response response = send(method, path, body);
        if (response.status() != expected) {
            throw new ScenarioException("HTTP: " + method + " " + path + " answered " + response.status() + ": "
                    + response.body().strip());
        }
        return response.body();
    }

    /**
     * Each of {@code keys} as the actuator endpoint reports it ({@code GET /actuator/statickeys/<name>}):
     * {@code on/<count>} or {@code off/<count>}.
     */
    Map<String, String> keys(List<String> keys) throws ScenarioException {
        Map<String, String> states = new LinkedHashMap<>();
        for (String key : keys) {
            String json = expect(200, "GET", "/actuator/statickeys/" + key, null);
            Map<String, String> fields;
            try {
                fields = FlatJson.parse(json);
            } catch (IllegalArgumentException e) {
                throw new ScenarioException("HTTP: GET /actuator/statickeys/" + key + " answered what is not one flat"
                        + " JSON object: " + e.getMessage(), e);
            }
            states.put(key, ("true".equals(fields.get("enabled")) ? "on/" : "off/") + fields.get("count"));
        }
        return states;
    }

    /** {@code GET /admin/stats} as counter name to value. */
    Map<String, String> stats() throws ScenarioException {
        Map<String, String> stats = new LinkedHashMap<>();
        for (String line : expect(200, "GET", "/admin/stats", null).split("\n")) {
            int space = line.indexOf(' ');
            if (space > 0) {
                stats.put(line.substring(0, space), line.substring(space + 1));
            }
        }
        return stats;
    }
}
