package dev.statickeys.agent.jvm;

/**
 * A key field as a site reads it: {@code getstatic owner.name : StaticKey}, the owner in internal form
 * ({@code p/Keys}), as the class file names it (not necessarily the declaring class: see
 * {@link KeyFields}).
 */
record KeyField(String owner, String name) {
    /** {@code p.Keys.TRACE}, for messages. */
    String display() {
        return owner.replace('/', '.') + "." + name;
    }

    /** {@code p/Keys.TRACE}. */
    @Override
    public String toString() {
        return owner + "." + name;
    }
}
