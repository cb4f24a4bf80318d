package com.mustbeviral.gateway.ratelimit;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.LongSupplier;

/**
 * GCRA in this process, for while Redis is away: the same arithmetic, so clients see the same
 * limits and headers. Each gateway instance counts on its own meanwhile, so N instances let up to
 * N times the limit through until Redis is back.
 */
final class LocalRateLimiter {

    private final ConcurrentMap<String, Long> tats = new ConcurrentHashMap<>();
    private final LongSupplier microClock;

    LocalRateLimiter(LongSupplier microClock) {
        this.microClock = microClock;
    }

    RateDecision decide(RateBucket bucket) {
        long now = microClock.getAsLong();
        RateDecision[] decision = new RateDecision[1];
        // compute() runs atomically per key: concurrent requests of one bucket never both take the last unit.
        tats.compute(bucket.localKey(), (key, tat) -> {
            Gcra.Step step = Gcra.apply(bucket.policy(), tat == null ? now : tat, now, bucket.cost());
            decision[0] = step.decision();
            return step.newTat();
        });
        return decision[0];
    }

    /** Forgets buckets that are full again, which is the same as never having seen them. */
    void sweep() {
        long now = microClock.getAsLong();
        tats.values().removeIf(tat -> tat <= now);
    }
}
