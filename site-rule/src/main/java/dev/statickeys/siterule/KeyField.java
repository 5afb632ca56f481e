package dev.statickeys.siterule;

/**
 * A key field as a site reads it: {@code getstatic owner.name : StaticKey}, the owner in internal form
 * ({@code p/Keys}), as the class file names it (not necessarily the declaring class: the agent's {@code KeyFields}
 * resolves that).
 */
public record KeyField(String owner, String name) {
    /** {@code p.Keys.TRACE}, for messages. */
    public String display() {
        return owner.replace('/', '.') + "." + name;
    }

    // equals and hashCode written out: a record's own are bootstrapped through invokedynamic at first use,
    // on the class-loading path of the first class with sites (issue 19's start-up profile).
    @Override
    public boolean equals(Object other) {
        return other instanceof KeyField && ((KeyField) other).owner.equals(owner) && ((KeyField) other).name.equals(name);
    }

    @Override
    public int hashCode() {
        return 31 * owner.hashCode() + name.hashCode();
    }

    /** {@code p/Keys.TRACE}. */
    @Override
    public String toString() {
        return owner + "." + name;
    }
}
