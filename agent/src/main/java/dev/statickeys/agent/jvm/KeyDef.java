package dev.statickeys.agent.jvm;

/**
 * What a key field holds, read from the declaring class's static initializer:
 * {@code static final StaticKey F = StaticKey.defineFalse("name")}.
 */
final class KeyDef {
    final String name;
    final boolean initialValue;

    KeyDef(String name, boolean initialValue) {
        this.name = name;
        this.initialValue = initialValue;
    }

    @Override
    public String toString() {
        return (initialValue ? "defineTrue(\"" : "defineFalse(\"") + name + "\")";
    }
}
