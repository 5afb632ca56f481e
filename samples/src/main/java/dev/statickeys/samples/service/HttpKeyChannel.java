package dev.statickeys.samples.service;

/**
 * Flips keys through the service's admin API, {@code POST /admin/keys/<name>/enable|disable}: the
 * service itself calls the statickeys Java API ({@code StaticKeys.find(name)}).
 */
final class HttpKeyChannel implements KeyChannel {
    private final ServiceClient client;

    HttpKeyChannel(ServiceClient client) {
        this.client = client;
    }

    @Override
    public String name() {
        return "HTTP";
    }

    @Override
    public void enable(String key) throws ScenarioException {
        client.expect(200, "POST", "/admin/keys/" + key + "/enable", null);
    }

    @Override
    public void disable(String key) throws ScenarioException {
        client.expect(200, "POST", "/admin/keys/" + key + "/disable", null);
    }
}
