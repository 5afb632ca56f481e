package dev.statickeys.holders;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.MutableCallSite;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Not API. Gives the agent a package to define the per-key holder classes in
 * ({@code dev.statickeys.holders.Key$<name>}), in the class loader that loaded the agent, and keeps
 * each key's call site, which a holder reads once its key has used up its flip budget.
 */
public final class Anchor {
    private static final ConcurrentHashMap<String, MutableCallSite> CALL_SITES = new ConcurrentHashMap<>();

    private Anchor() {}

    /** The call site of {@code key}, created answering {@code false} if it does not exist. */
    public static MutableCallSite callSite(String key) {
        return CALL_SITES.computeIfAbsent(key, k -> new MutableCallSite(MethodHandles.constant(boolean.class, false)));
    }
}
