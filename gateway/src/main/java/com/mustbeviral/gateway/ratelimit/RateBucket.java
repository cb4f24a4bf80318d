package com.mustbeviral.gateway.ratelimit;

/**
 * What one request draws on: the policy, whose quota it is ({@code key}, e.g. {@code user:42}), how many
 * units, and the user whose own quota from billing, when Redis holds one, replaces the policy's limit
 * ({@code billingUser}, null for address and partner quotas).
 */
public record RateBucket(RatePolicy policy, String key, int cost, String billingUser) {

    /** A bucket with no per-user quota from billing. */
    public RateBucket(RatePolicy policy, String key, int cost) {
        this(policy, key, cost, null);
    }

    /** The Redis key holding this bucket's state (its GCRA "theoretical arrival time"). */
    String redisKey() {
        return "gateway:rl:" + policy.name() + ":" + key;
    }

    /** The key for the in-process limiter; the same, so that logs read alike. */
    String localKey() {
        return redisKey();
    }
}
