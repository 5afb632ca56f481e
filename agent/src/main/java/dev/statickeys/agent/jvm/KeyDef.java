package dev.statickeys.agent.jvm;

/**
 * What a key field holds, read from the declaring class's static initializer:
 * {@code static final StaticKey F = StaticKey.defineFalse("name")}.
 */
record KeyDef(String name, boolean initialValue) {
    @Override
    public String toString() {
        return (initialValue ? "defineTrue(\"" : "defineFalse(\"") + name + "\")";
    }
}
