package dev.statickeys.samples.service;

/**
 * Flips keys through the service's {@code statickeys} actuator endpoint (statickeys-spring-boot-starter):
 * {@code POST /actuator/statickeys/<name>} with {@code {"enabled": true|false}}, answered 204.
 */
final class ActuatorKeyChannel implements KeyChannel {
    private final ServiceClient client;

    ActuatorKeyChannel(ServiceClient client) {
        this.client = client;
    }

    @Override
    public String name() {
        return "actuator";
    }

    @Override
    public void enable(String key) throws ScenarioException {
        client.expect(204, "POST", "/actuator/statickeys/" + key, "{\"enabled\": true}");
    }

    @Override
    public void disable(String key) throws ScenarioException {
        client.expect(204, "POST", "/actuator/statickeys/" + key, "{\"enabled\": false}");
    }
}
