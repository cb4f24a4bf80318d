package com.mustbeviral.gateway.ratelimit;

/** What one request draws on: the policy, whose quota it is ({@code key}, e.g. {@code user:42}) and how many units. */
public record RateBucket(RatePolicy policy, String key, int cost) {

    /** The Redis key holding this bucket's state (its GCRA "theoretical arrival time"). */
    String redisKey() {
        return "gateway:rl:" + policy.name() + ":" + key;
    }

    /** The key for the in-process limiter; the same, so that logs read alike. */
    String localKey() {
        return redisKey();
    }
}
