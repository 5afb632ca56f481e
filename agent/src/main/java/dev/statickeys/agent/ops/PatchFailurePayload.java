package dev.statickeys.agent.ops;

/**
 * What a {@code dev.statickeys.PatchFailure} event says: the class, the keys of the patch operation (empty
 * when the class failed at load or initialization), and what its sites do instead.
 */
record PatchFailurePayload(String className, String keys, String reason) {}
