package dev.statickeys.samples.service;

import dev.statickeys.StaticKey;
import dev.statickeys.StaticKeys;
import java.lang.management.ManagementFactory;
import java.util.List;
import javax.management.ObjectName;

/**
 * A stand-in for the agent's MXBean, written from its spec (not its code) so that {@link JmxKeyChannel}
 * can be tested before the agent has it. {@link #main} registers it and runs the order service.
 */
public final class StandInStaticKeys implements StaticKeysMXBean {
    @Override
    public String getBackend() {
        return "stand-in";
    }

    @Override
    public List<KeyState> getKeys() {
        return StaticKeys.all().stream().map(KeyState::new).toList();
    }

    @Override
    public void enable(String name) {
        key(name).enable();
    }

    @Override
    public void disable(String name) {
        key(name).disable();
    }

    private static StaticKey key(String name) {
        return StaticKeys.find(name).orElseThrow(() -> new IllegalArgumentException("no static key named " + name));
    }

    public static void main(String[] args) throws Exception {
        ManagementFactory.getPlatformMBeanServer().registerMBean(new StandInStaticKeys(),
                new ObjectName(JmxKeyChannel.OBJECT_NAME));
        OrderService.main(args);
    }
}
