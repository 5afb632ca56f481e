package dev.statickeys.samples.boot;

/** A class the loader tests nest in a jar and load from there. */
public final class Fixture {
    private Fixture() {}

    /** Names the loader that defined this copy of the class. */
    public static String hello() {
        return "hello from " + Fixture.class.getClassLoader().getName();
    }
}
