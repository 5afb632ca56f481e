package dev.statickeys.samples.service;

/**
 * Stands in for the agent jar's attach command in {@code AttachCommandKeyChannelTest}:
 * {@code <pid> <action> <key>}; prints a line and exits 0, or, for key {@code service.nope}, prints the
 * launcher's notice and an error and exits 3.
 */
public final class FakeAttachCommand {
    private FakeAttachCommand() {}

    public static void main(String[] args) {
        if (args[2].equals("service.nope")) {
            System.err.println("Picked up JAVA_TOOL_OPTIONS: -Xmx64m");
            System.err.println("statickeys: no key " + args[2] + " in JVM " + args[0]);
            System.exit(3);
        }
        System.out.println(args[1] + "d " + args[2] + " in JVM " + args[0]);
    }
}
