package dev.statickeys.corpus;

import static dev.statickeys.fixtures.CorpusKeys.A;

import dev.statickeys.StaticKey;

/**
 * Keys read by their simple name in subclasses: javac names the subclass in the getstatic (the class
 * of the reference, JLS 13.1), and the agent finds the key where the JVM would, in a supertype.
 */
public class Inheritance {
    public static final StaticKey OWN = StaticKey.defineFalse("corpus.inheritance.own");

    Inheritance() {}

    static class Sub extends Inheritance {
        String value() {
            return OWN.isEnabled() ? "sub:own" : "sub";
        }
    }

    /** Two levels down, and an interface beside: the key is looked up in the interface first, as the JVM does. */
    static final class SubSub extends Sub implements Interfaces {
        @Override
        public String name() {
            return A.isEnabled() ? "a" : "-";
        }

        @Override
        String value() {
            return Sub.OWN.isEnabled() ? "subsub:own" : super.value();
        }
    }

    public static String inSubclass() {
        return new Sub().value();
    }

    public static String inSubSubclass() {
        SubSub subSub = new SubSub();
        return subSub.value() + "," + subSub.name();
    }
}
