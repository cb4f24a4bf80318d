package com.mustbeviral.gateway.ratelimit;

/**
 * The answer for one request: let through or not, how much quota is left, in how many microseconds
 * the bucket is full again ({@code resetMicros}) and, when refused, when the request would fit
 * ({@code retryAfterMicros}). {@code sessionRevoked} answers the revocation check that rides along.
 */
public record RateDecision(boolean allowed, boolean sessionRevoked, RatePolicy policy, long remaining,
        long resetMicros, long retryAfterMicros) {

    static RateDecision revoked(RatePolicy policy) {
        return new RateDecision(false, true, policy, 0, 0, 0);
    }
}
