package dev.statickeys.testing.holders;

/** An empty class whose fresh copies give in-process tests a package to define holder classes in. */
public final class Anchor {
    private Anchor() {}
}
