package dev.statickeys.it;

/** A main for forked JVMs that never touches statickeys: it prints its pid and waits for its input to close. */
public final class PlainWaitMain {
    private PlainWaitMain() {}

    public static void main(String[] args) throws Exception {
        System.out.println("ready " + ProcessHandle.current().pid());
        while (System.in.read() >= 0) {
            // wait for the test to close our input
        }
    }
}
