package dev.statickeys.it;

/** A main for forked JVMs whose class names nothing of the statickeys API: it prints one line. */
public final class NoApiMain {
    private NoApiMain() {}

    public static void main(String[] args) {
        System.out.println("main ran without keys");
    }
}
