package dev.statickeys.corpus;

import static dev.statickeys.fixtures.CorpusKeys.A;
import static dev.statickeys.fixtures.CorpusKeys.B;
import static dev.statickeys.fixtures.CorpusKeys.C;

import dev.statickeys.StaticKey;

/** Sites in an interface's default, static and private methods, and a key declared by an interface. */
public interface Interfaces {
    StaticKey OWN = StaticKey.defineFalse("corpus.interfaces.own");

    String name();

    default String greet() {
        return (A.isEnabled() ? "hello " : "hi ") + name() + suffix();
    }

    private String suffix() {
        return B.isEnabled() ? "!" : ".";
    }

    static String staticMethod() {
        return C.isEnabled() || OWN.isEnabled() ? "c|own" : "-";
    }

    static String viaDefault() {
        Interfaces named = () -> "x";
        return named.greet();
    }

    static String overridden() {
        Interfaces named = new Interfaces() {
            @Override
            public String name() {
                return OWN.isEnabled() ? "own" : "anon";
            }

            @Override
            public String greet() {
                return Interfaces.super.greet() + (C.isEnabled() ? "c" : "");
            }
        };
        return named.greet();
    }
}
