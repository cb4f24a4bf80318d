package com.mustbeviral.content.generation;

/** Why a generation was refused; the service's problem catalogue maps each to a problem type. */
public enum GenerationRefusal {
    /** The provider answered, but not with a usable completion (an error status, a malformed body): 502. */
    PROVIDER_BAD_ANSWER,
    /** The provider could not be reached, took too long, or the circuit breaker is open: 503. */
    PROVIDER_UNAVAILABLE;

    /** The fact of a PROVIDER_UNAVAILABLE refusal that says when to try again (answered as {@code Retry-After}). */
    public static final String RETRY_AFTER_SECONDS = "retry_after_seconds";
}
