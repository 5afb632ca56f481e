package dev.statickeys.agent.ops;

import java.util.List;

/**
 * What a {@link CommandWorker} needs from the agent in the target JVM. The agent's entry point
 * implements it; everything a command does beyond these three calls lives in this package.
 */
public interface CommandHost {
    /** The installed agent's operations, or null when the agent is not installed in this JVM. */
    StaticKeysBean operations();

    /** The application's loaded copies of the API (see {@link CommandRunner#apiClasses}); may be empty. */
    List<Class<?>> apiClasses();

    /**
     * Installs the agent with its default options (the application has not used the API yet) and
     * returns its operations.
     *
     * @throws RuntimeException if the agent cannot be installed; the command answers with the message
     */
    StaticKeysBean install();
}
