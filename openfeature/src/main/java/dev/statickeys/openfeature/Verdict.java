package dev.statickeys.openfeature;

import dev.openfeature.sdk.FlagEvaluationDetails;
import dev.openfeature.sdk.Reason;
import java.util.Set;

/**
 * What one evaluation of a bound flag means for its key. A static key has one value per JVM, so only a
 * value that no evaluation context could change is followed: reason {@code STATIC} (no targeting) or
 * {@code CACHED} (a cached static value). Every other reason may depend on the context: {@code
 * TARGETING_MATCH} and {@code SPLIT} say so; {@code DEFAULT} is what flagd and the SDK's in-memory
 * provider answer when a flag has targeting rules that did not match the empty context (another context
 * could match); {@code UNKNOWN}, a missing or a provider-specific reason say nothing.
 */
record Verdict(FlagBinding.Status status, boolean value, String reason, String detail) {
    static final Set<String> STATIC_REASONS = Set.of(Reason.STATIC.name(), Reason.CACHED.name());

    static Verdict of(FlagEvaluationDetails<Boolean> details) {
        String reason = details.getReason() == null ? "none" : details.getReason();
        if (details.getErrorCode() != null || Reason.ERROR.name().equals(reason) || details.getValue() == null) {
            String code = details.getErrorCode() == null ? "ERROR" : details.getErrorCode().name();
            return unavailable(code, "evaluation error " + code
                    + (details.getErrorMessage() == null ? "" : ": " + details.getErrorMessage()));
        }
        if (Reason.DISABLED.name().equals(reason) || "STALE".equals(reason)) {
            return unavailable(reason, "the provider answered with reason " + reason);
        }
        if (!STATIC_REASONS.contains(reason)) {
            return new Verdict(FlagBinding.Status.CONTEXT_DEPENDENT, false, reason,
                    "reason " + reason + ": the value may depend on the evaluation context");
        }
        return new Verdict(FlagBinding.Status.FOLLOWING, details.getValue(), reason, "value " + details.getValue());
    }

    static Verdict unavailable(String code, String detail) {
        return new Verdict(FlagBinding.Status.UNAVAILABLE, false, code, detail);
    }
}
