package dev.statickeys.holders;

/**
 * Not API. An empty class that gives the agent a package to define the per-key holder classes in
 * ({@code dev.statickeys.holders.Key$<name>}), in the class loader that loaded the agent.
 */
public final class Anchor {
    private Anchor() {}
}
