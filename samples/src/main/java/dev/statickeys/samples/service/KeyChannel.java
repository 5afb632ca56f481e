package dev.statickeys.samples.service;

import java.util.List;

/**
 * One way to flip a key of the running service from outside it. The {@link Scenario} uses four: the
 * {@code statickeys} actuator endpoint ({@link ActuatorKeyChannel}), the flag file the service's flagd
 * provider watches ({@link FlagFileKeyChannel}), the agent's MXBean over JMX ({@link JmxKeyChannel}) and the
 * agent jar's attach command ({@link AttachCommandKeyChannel}). Each one's failure is a
 * {@link ScenarioException} that names the channel and what was missing.
 */
interface KeyChannel extends AutoCloseable {
    /** The channel's name for messages: {@code actuator}, {@code flag file}, {@code JMX}, {@code attach command}. */
    String name();

    void enable(String key) throws ScenarioException;

    void disable(String key) throws ScenarioException;

    /**
     * What the channel itself can tell about the keys, as lines for the log (JMX: the MXBean's attributes);
     * empty if it tells nothing.
     */
    default List<String> report() throws ScenarioException {
        return List.of();
    }

    /** Releases what the channel holds open; never throws. */
    @Override
    default void close() {}

    /** A channel that cannot work in this run: every flip fails with {@code why}. */
    static KeyChannel unavailable(String name, String why) {
        return new KeyChannel() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public void enable(String key) throws ScenarioException {
                throw new ScenarioException(why);
            }

            @Override
            public void disable(String key) throws ScenarioException {
                throw new ScenarioException(why);
            }

            @Override
            public List<String> report() throws ScenarioException {
                throw new ScenarioException(why);
            }
        };
    }
}
