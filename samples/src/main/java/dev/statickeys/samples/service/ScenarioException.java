package dev.statickeys.samples.service;

/**
 * A step of the {@link Scenario} that failed, with a message meant for the person running it: what was
 * tried, through which channel, and what came back. No stack trace is printed for these.
 */
final class ScenarioException extends Exception {
    private static final long serialVersionUID = 1L;

    ScenarioException(String message) {
        super(message);
    }

    ScenarioException(String message, Throwable cause) {
        super(message, cause);
    }
}
