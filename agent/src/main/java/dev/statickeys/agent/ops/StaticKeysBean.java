package dev.statickeys.agent.ops;

import dev.statickeys.agent.Reports;
import dev.statickeys.agent.boot.KeyStatus;
import dev.statickeys.agent.boot.StaticKeysMXBean;
import dev.statickeys.internal.core.KeyControl;
import dev.statickeys.internal.core.KeyRecord;
import dev.statickeys.internal.core.KeyRegistry;
import dev.statickeys.agent.jvm.JvmBackend;
import dev.statickeys.agent.jvm.KeyActivity;
import java.lang.System.Logger.Level;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.Lock;
import java.util.function.Consumer;
import javax.management.JMException;
import javax.management.ObjectName;

/**
 * The agent's operations surface: the {@link StaticKeysMXBean} and what the attach command calls.
 * Flips go through the core's {@link KeyControl}, under the same lock and with the same rules as the
 * API's, on the count cells every copy of the API shares.
 */
public final class StaticKeysBean implements StaticKeysMXBean {
    private final KeyRegistry keys;
    private final JvmBackend backend;
    private final KeyControl control;

    public StaticKeysBean(KeyRegistry keys, JvmBackend backend, KeyControl control) {
        this.keys = keys;
        this.backend = backend;
        this.control = control;
    }

    /**
     * Registers the bean in the platform MBean server; a failure is reported, not thrown (the application
     * runs on without it).
     */
    public void register() {
        try {
            ManagementFactory.getPlatformMBeanServer().registerMBean(this, new ObjectName(OBJECT_NAME));
            Reports.log(Level.DEBUG, "MXBean " + OBJECT_NAME + " registered", null);
        } catch (JMException | RuntimeException | LinkageError e) {
            Reports.log(Level.WARNING, "the MXBean " + OBJECT_NAME + " could not be registered (" + e
                    + "); keys can still be flipped through the API and the attach command", null);
        }
    }

    /**
     * The lock every flip takes. The attach command's worker waits for it with a deadline before it
     * flips, so that it can give up cleanly; not part of the MXBean interface.
     */
    public Lock flipLock() {
        return control.core().lock();
    }

    @Override
    public String getBackend() {
        return backend.formAtLoad().name().toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public List<KeyStatus> getKeys() {
        List<KeyRecord> records = new ArrayList<>(keys.all());
        records.sort(Comparator.comparing(KeyRecord::name));
        List<KeyStatus> keys = new ArrayList<>(records.size());
        for (KeyRecord record : records) {
            keys.add(info(record));
        }
        return keys;
    }

    /** The key named {@code name}. */
    public KeyStatus key(String name) {
        return info(record(name));
    }

    private KeyStatus info(KeyRecord record) {
        int count = control.count(record.name());
        KeyActivity.Stats stats = backend.activity().of(record.name());
        return new KeyStatus(record.name(), count > 0, count, record.initialValue(), record.defined(), stats.sites(),
                stats.classes(), backend.liveClassesOf(record.name()).size(), backend.backendOf(record.name()),
                stats.flips(), stats.lastFlipEpochMillis(), stats.lastFlipNanos() / 1_000, stats.lastFlipClasses(),
                stats.failures());
    }

    @Override
    public Map<String, Long> getStatistics() {
        return backend.statistics();
    }

    @Override
    public void enable(String key) {
        flip(key, "enable", control::enable);
    }

    @Override
    public void disable(String key) {
        flip(key, "disable", control::disable);
    }

    @Override
    public void increment(String key) {
        flip(key, "increment", control::increment);
    }

    @Override
    public void decrement(String key) {
        flip(key, "decrement", control::decrement);
    }

    private void flip(String key, String operation, Consumer<String> action) {
        action.accept(key); // KeyControl names an invalid or unknown key
        Reports.log(Level.DEBUG, operation + "(" + key + ") through JMX or the attach command; count now "
                + control.count(key), null);
    }

    private KeyRecord record(String name) {
        return keys.require(name);
    }

}
